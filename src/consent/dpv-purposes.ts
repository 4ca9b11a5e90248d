import { z } from 'zod';

/**
 * Purposes from the W3C Data Privacy Vocabulary (DPV, https://w3id.org/dpv#), by their
 * concept names. A grant states one of these, so a receipt can be read by any tool that
 * knows DPV (`dpv:ServiceProvision` …). The list holds the purpose taxonomy of DPV core
 * (2.x); sector extensions are left out.
 */
export const DPV_PURPOSES = [
  'AcademicResearch',
  'AccountManagement',
  'Advertising',
  'AntiTerrorismOperations',
  'CommercialResearch',
  'CommunicationForCustomerCare',
  'CommunicationManagement',
  'CounterMoneyLaundering',
  'CreditChecking',
  'CustomerCare',
  'CustomerClaimsManagement',
  'CustomerManagement',
  'CustomerOrderManagement',
  'CustomerRelationshipManagement',
  'CustomerSolvencyMonitoring',
  'CyberSecurityAssessment',
  'CyberSecurityTraining',
  'DeliveryOfGoods',
  'DirectMarketing',
  'DisputeManagement',
  'EnforceAccessControl',
  'EnforceSecurity',
  'EstablishContractualAgreement',
  'FraudPreventionAndDetection',
  'FulfilmentOfContractualObligation',
  'FulfilmentOfObligation',
  'HumanResourceManagement',
  'IdentityAuthentication',
  'IdentityVerification',
  'ImproveExistingProductsAndServices',
  'ImproveInternalCRMProcesses',
  'IncreaseServiceRobustness',
  'InternalResourceOptimisation',
  'LegalCompliance',
  'MaintainCreditCheckingDatabase',
  'MaintainCreditRatingDatabase',
  'MaintainFraudDatabase',
  'Marketing',
  'MemberPartnerManagement',
  'NonCommercialResearch',
  'OptimisationForConsumer',
  'OptimisationForController',
  'OptimiseUserInterface',
  'OrganisationComplianceManagement',
  'OrganisationGovernance',
  'OrganisationRiskManagement',
  'PaymentManagement',
  'PersonalisedAdvertising',
  'PersonalisedBenefits',
  'Personalisation',
  'PersonnelManagement',
  'ProvideEventRecommendations',
  'ProvidePersonalisedRecommendations',
  'ProvideProductRecommendations',
  'PublicBenefit',
  'PublicRelations',
  'RecordManagement',
  'RepairImpairments',
  'RequestedServiceProvision',
  'ResearchAndDevelopment',
  'ScientificResearch',
  'SearchFunctionalities',
  'SellDataToThirdParties',
  'SellInsightsFromData',
  'SellProducts',
  'SellProductsToDataSubject',
  'ServiceOptimisation',
  'ServicePersonalisation',
  'ServiceProvision',
  'ServiceRegistration',
  'ServiceUsageAnalytics',
  'SocialMediaMarketing',
  'TechnicalServiceProvision',
  'UserInterfacePersonalisation',
  'VendorManagement',
  'VendorPayment',
  'VendorRecordsManagement',
  'VendorSelectionAssessment',
] as const;

export type DpvPurpose = (typeof DPV_PURPOSES)[number];

export const dpvPurposeSchema = z.enum(DPV_PURPOSES, {
  error: () => `expected a W3C DPV purpose, such as ServiceProvision, PersonalisedAdvertising or ResearchAndDevelopment (one of: ${DPV_PURPOSES.join(', ')})`,
});

/**
 * The lawful bases of GDPR article 6(1), by their DPV names, with the article point and
 * the DPV-GDPR concept (`eu-gdpr:A6-1-a` …) a receipt cites.
 */
export const LEGAL_BASES = {
  Consent: { article: 'GDPR Art. 6(1)(a)', dpvGdpr: 'eu-gdpr:A6-1-a' },
  Contract: { article: 'GDPR Art. 6(1)(b)', dpvGdpr: 'eu-gdpr:A6-1-b' },
  LegalObligation: { article: 'GDPR Art. 6(1)(c)', dpvGdpr: 'eu-gdpr:A6-1-c' },
  VitalInterest: { article: 'GDPR Art. 6(1)(d)', dpvGdpr: 'eu-gdpr:A6-1-d' },
  PublicInterest: { article: 'GDPR Art. 6(1)(e)', dpvGdpr: 'eu-gdpr:A6-1-e' },
  LegitimateInterest: { article: 'GDPR Art. 6(1)(f)', dpvGdpr: 'eu-gdpr:A6-1-f' },
} as const;

export type LegalBasis = keyof typeof LEGAL_BASES;
const LEGAL_BASIS_NAMES = Object.keys(LEGAL_BASES) as [LegalBasis, ...LegalBasis[]];

export const legalBasisSchema = z.enum(LEGAL_BASIS_NAMES, {
  error: () => `expected a GDPR art. 6 legal basis by its DPV name: ${LEGAL_BASIS_NAMES.join(', ')}`,
});
