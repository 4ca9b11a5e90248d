/**
 * What the CAMT reader gathers for one `Ntry` and its `TxDtls`, before turning it into
 * records. Paths are relative to the element (`Amt`, `RltdPties/Cdtr/Nm`…).
 */
export interface CamtAmount {
  value: string;
  currency: string;
}

export interface CamtDetail {
  line: number;
  amount?: CamtAmount;
  instructedAmount?: CamtAmount;
  creditDebit?: string;
  endToEndId?: string;
  servicerRef?: string;
  mandateId?: string;
  debtorName?: string;
  debtorIban?: string;
  debtorBic?: string;
  creditorName?: string;
  creditorIban?: string;
  creditorBic?: string;
  creditorId?: string;
  unstructured: string[];
  structuredRef?: string;
  additionalInfo?: string;
  bankCode?: string;
}

export interface CamtEntry {
  line: number;
  amount?: CamtAmount;
  creditDebit?: string;
  status?: string;
  bookingDate?: string;
  valueDate?: string;
  servicerRef?: string;
  entryRef?: string;
  bankCode: { domain?: string; family?: string; subFamily?: string; proprietary?: string };
  additionalInfo?: string;
  details: CamtDetail[];
}

export function newDetail(line: number): CamtDetail {
  return { line, unstructured: [] };
}

export function newEntry(line: number): CamtEntry {
  return { line, bankCode: {}, details: [] };
}

/** Stores a closed element's text in the detail being read. */
export function setDetailField(d: CamtDetail, path: string, text: string, currency: string | undefined): void {
  const name = (p: string) => path === `RltdPties/${p}/Nm` || path === `RltdPties/${p}/Pty/Nm`;
  if (path === 'Amt' || path === 'AmtDtls/TxAmt/Amt') d.amount ??= { value: text, currency: currency ?? '' };
  else if (path === 'AmtDtls/InstdAmt/Amt') d.instructedAmount = { value: text, currency: currency ?? '' };
  else if (path === 'CdtDbtInd') d.creditDebit = text;
  else if (path === 'Refs/EndToEndId') d.endToEndId = text;
  else if (path === 'Refs/AcctSvcrRef') d.servicerRef = text;
  else if (path === 'Refs/MndtId') d.mandateId = text;
  else if (name('Dbtr')) d.debtorName ??= text;
  else if (name('Cdtr')) d.creditorName ??= text;
  else if (path === 'RltdPties/DbtrAcct/Id/IBAN') d.debtorIban = text;
  else if (path === 'RltdPties/CdtrAcct/Id/IBAN') d.creditorIban = text;
  else if (/^RltdAgts\/DbtrAgt\/FinInstnId\/BIC(FI)?$/.test(path)) d.debtorBic = text;
  else if (/^RltdAgts\/CdtrAgt\/FinInstnId\/BIC(FI)?$/.test(path)) d.creditorBic = text;
  else if (/^RltdPties\/Cdtr(\/Pty)?\/Id\/PrvtId\/Othr\/Id$/.test(path)) d.creditorId = text;
  else if (path === 'RmtInf/Ustrd') d.unstructured.push(text);
  else if (path === 'RmtInf/Strd/CdtrRefInf/Ref') d.structuredRef = text;
  else if (path === 'AddtlTxInf') d.additionalInfo = text;
  else if (path === 'BkTxCd/Prtry/Cd') d.bankCode = text;
}

/** Stores a closed element's text in the entry being read. */
export function setEntryField(e: CamtEntry, path: string, text: string, currency: string | undefined): void {
  switch (path) {
    case 'Amt':
      e.amount = { value: text, currency: currency ?? '' };
      return;
    case 'CdtDbtInd':
      e.creditDebit = text;
      return;
    case 'Sts':
    case 'Sts/Cd':
    case 'Sts/Prtry':
      if (text) e.status = text;
      return;
    case 'BookgDt/Dt':
    case 'BookgDt/DtTm':
      e.bookingDate = text;
      return;
    case 'ValDt/Dt':
    case 'ValDt/DtTm':
      e.valueDate = text;
      return;
    case 'AcctSvcrRef':
      e.servicerRef = text;
      return;
    case 'NtryRef':
      e.entryRef = text;
      return;
    case 'BkTxCd/Domn/Cd':
      e.bankCode.domain = text;
      return;
    case 'BkTxCd/Domn/Fmly/Cd':
      e.bankCode.family = text;
      return;
    case 'BkTxCd/Domn/Fmly/SubFmlyCd':
      e.bankCode.subFamily = text;
      return;
    case 'BkTxCd/Prtry/Cd':
      e.bankCode.proprietary = text;
      return;
    case 'AddtlNtryInf':
      e.additionalInfo = text;
      return;
  }
}
