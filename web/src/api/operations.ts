import type { z } from 'zod';
import type { auditList, auditVerify, grantsCreate, grantsList, grantsQuery, grantsReceipt, grantsRevoke, grantsShow, keysShow } from '../../../src/consent/consent-operations.ts';
import type { demoGenerate } from '../../../src/operations/demo-operations.ts';
import type { filesImport, importsList, recordsCorrect, recordsDelete, recordsGet, recordsList, vaultStats } from '../../../src/operations/vault-operations.ts';
import type { budgetCategorise, insightsBills, insightsBudget, insightsRecurring } from '../../../src/insights/budget/budget-operations.ts';
import type { insightsEnergy } from '../../../src/insights/energy/energy-operations.ts';
import type { insightsCarbon } from '../../../src/insights/carbon/carbon-operations.ts';
import type { insightsMobility } from '../../../src/insights/mobility/mobility-operations.ts';
import type { insightsReview } from '../../../src/insights/review/review-operations.ts';
import type { insightsQuality } from '../../../src/insights/quality/quality-operations.ts';
import type { insightsRelations } from '../../../src/insights/relations/relations-operations.ts';
import type { insightsTimeline } from '../../../src/insights/timeline/timeline-operations.ts';
import type { rightsAcknowledge, rightsAnswer, rightsClose, rightsCreate, rightsExtend, rightsFromQuality, rightsList, rightsReminders, rightsSend, rightsShow } from '../../../src/rights/rights-operations.ts';
import type { rightsComplaint, rightsLetter } from '../../../src/rights/rights-letter-operations.ts';
import type { intentsClose, intentsList, intentsPreview, intentsPublish, intentsShow, offersAccept, offersList, vendorsList } from '../../../src/vrm/vrm-operations.ts';
import type { clientsList } from '../../../src/clients/client-operations.ts';

/**
 * The operations the UI calls, by name, typed from the server's table (type-only imports:
 * no server code reaches the bundle). To call a new operation, add one line here with its
 * method; test/browser/web-client-contract.test.ts checks each line against the table.
 */
export interface OperationMap {
  'records.list': typeof recordsList;
  'records.get': typeof recordsGet;
  'records.correct': typeof recordsCorrect;
  'records.delete': typeof recordsDelete;
  'vault.stats': typeof vaultStats;
  'imports.list': typeof importsList;
  'demo.generate': typeof demoGenerate;
  'grants.create': typeof grantsCreate;
  'grants.list': typeof grantsList;
  'grants.show': typeof grantsShow;
  'grants.revoke': typeof grantsRevoke;
  'grants.receipt': typeof grantsReceipt;
  'grants.query': typeof grantsQuery;
  'audit.list': typeof auditList;
  'audit.verify': typeof auditVerify;
  'keys.show': typeof keysShow;
  'insights.budget': typeof insightsBudget;
  'insights.recurring': typeof insightsRecurring;
  'insights.bills': typeof insightsBills;
  'budget.categorise': typeof budgetCategorise;
  'insights.energy': typeof insightsEnergy;
  'insights.carbon': typeof insightsCarbon;
  'insights.mobility': typeof insightsMobility;
  'insights.review': typeof insightsReview;
  'insights.quality': typeof insightsQuality;
  'insights.relations': typeof insightsRelations;
  'insights.timeline': typeof insightsTimeline;
  'rights.create': typeof rightsCreate;
  'rights.send': typeof rightsSend;
  'rights.letter': typeof rightsLetter;
  'rights.list': typeof rightsList;
  'rights.reminders': typeof rightsReminders;
  'rights.show': typeof rightsShow;
  'rights.acknowledge': typeof rightsAcknowledge;
  'rights.extend': typeof rightsExtend;
  'rights.answer': typeof rightsAnswer;
  'rights.close': typeof rightsClose;
  'rights.fromQuality': typeof rightsFromQuality;
  'rights.complaint': typeof rightsComplaint;
  'intents.preview': typeof intentsPreview;
  'intents.publish': typeof intentsPublish;
  'intents.list': typeof intentsList;
  'intents.show': typeof intentsShow;
  'offers.list': typeof offersList;
  'offers.accept': typeof offersAccept;
  'intents.close': typeof intentsClose;
  'vendors.list': typeof vendorsList;
  'clients.list': typeof clientsList;
}

export type OperationName = keyof OperationMap;
/** What the caller sends (defaults may be left out). */
export type OperationInput<N extends OperationName> = z.input<OperationMap[N]['input']>;
/** What the server answers (checked against the output schema before it is sent). */
export type OperationOutput<N extends OperationName> = z.output<OperationMap[N]['output']>;

/** What POST /api/me/files/upload answers (src/http/upload-routes.ts): files.import's report. */
export type UploadResult = z.output<(typeof filesImport)['output']>;

/** The HTTP method of each operation: POST when it changes the vault (operation.mutates), GET otherwise. */
export const OPERATION_METHODS: Record<OperationName, 'GET' | 'POST'> = {
  'records.list': 'GET',
  'records.get': 'GET',
  'records.correct': 'POST',
  'records.delete': 'POST',
  'vault.stats': 'GET',
  'imports.list': 'GET',
  'demo.generate': 'POST',
  'grants.create': 'POST',
  'grants.list': 'GET',
  'grants.show': 'GET',
  'grants.revoke': 'POST',
  'grants.receipt': 'GET',
  'grants.query': 'GET',
  'audit.list': 'GET',
  'audit.verify': 'GET',
  'keys.show': 'GET',
  'insights.budget': 'GET',
  'insights.recurring': 'GET',
  'insights.bills': 'GET',
  'budget.categorise': 'POST',
  'insights.energy': 'GET',
  'insights.carbon': 'GET',
  'insights.mobility': 'GET',
  'insights.review': 'GET',
  'insights.quality': 'GET',
  'insights.relations': 'GET',
  'insights.timeline': 'GET',
  'rights.create': 'POST',
  'rights.send': 'POST',
  'rights.letter': 'GET',
  'rights.list': 'GET',
  'rights.reminders': 'GET',
  'rights.show': 'GET',
  'rights.acknowledge': 'POST',
  'rights.extend': 'POST',
  'rights.answer': 'POST',
  'rights.close': 'POST',
  'rights.fromQuality': 'POST',
  'rights.complaint': 'GET',
  'intents.preview': 'GET',
  'intents.publish': 'POST',
  'intents.list': 'GET',
  'intents.show': 'GET',
  'offers.list': 'GET',
  'offers.accept': 'POST',
  'intents.close': 'POST',
  'vendors.list': 'GET',
  'clients.list': 'GET',
};
