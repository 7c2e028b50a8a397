import { XMLBuilder } from 'fast-xml-parser';
import { ALLOWANCE_REASON_DISCOUNT, GUIDELINE_EN16931, SCHEME_SIREN, VAT_CATEGORY } from './codes';
import type { CiiModel, CiiParty } from './cii-invoice';

/**
 * Writes a CiiModel as UN/CEFACT CII D16B, the syntax of Factur-X: element order as the Factur-X
 * EN 16931 XSD wants it (the tests run the XSD and both schematrons on every document they make). The
 * builder escapes text and attributes; objects keep their key order, arrays repeat an element.
 */

const NS = {
  '@_xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  '@_xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  '@_xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  '@_xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  processEntities: true,
});

type Node = Record<string, unknown>;

/** "2026-10-05" → "20261005", format 102. */
const date102 = (iso: string) => ({ 'udt:DateTimeString': { '@_format': '102', '#text': iso.replace(/-/g, '') } });
const qdate102 = (iso: string) => ({ 'qdt:DateTimeString': { '@_format': '102', '#text': iso.replace(/-/g, '') } });
const amount = (value: string) => value;
const withCurrency = (value: string) => ({ '@_currencyID': 'EUR', '#text': value });

function party(p: CiiParty): Node {
  const node: Node = { 'ram:Name': p.name };
  if (p.legalInfo) node['ram:Description'] = p.legalInfo;
  if (p.siren) node['ram:SpecifiedLegalOrganization'] = { 'ram:ID': { '@_schemeID': SCHEME_SIREN, '#text': p.siren } };
  node['ram:PostalTradeAddress'] = {
    'ram:PostcodeCode': p.address.postcode,
    'ram:LineOne': p.address.line1,
    ...(p.address.line2 ? { 'ram:LineTwo': p.address.line2 } : {}),
    'ram:CityName': p.address.city,
    'ram:CountryID': p.address.country,
  };
  node['ram:URIUniversalCommunication'] = { 'ram:URIID': { '@_schemeID': p.endpoint.scheme, '#text': p.endpoint.id } };
  const registrations: Node[] = [];
  if (p.vatNumber) registrations.push({ 'ram:ID': { '@_schemeID': 'VA', '#text': p.vatNumber } });
  if (p.taxNumber) registrations.push({ 'ram:ID': { '@_schemeID': 'FC', '#text': p.taxNumber } });
  if (registrations.length) node['ram:SpecifiedTaxRegistration'] = registrations;
  return node;
}

function tradeTax(category: string, rate: string | undefined): Node {
  return { 'ram:TypeCode': 'VAT', 'ram:CategoryCode': category, ...(rate !== undefined && category !== VAT_CATEGORY.outsideScope ? { 'ram:RateApplicablePercent': rate } : {}) };
}

function lineItem(l: CiiModel['lines'][number]): Node {
  const settlement: Node = { 'ram:ApplicableTradeTax': tradeTax(l.category, l.rate) };
  if (l.allowance) {
    settlement['ram:SpecifiedTradeAllowanceCharge'] = {
      'ram:ChargeIndicator': { 'udt:Indicator': 'false' },
      'ram:CalculationPercent': l.allowance.percent,
      'ram:BasisAmount': l.allowance.base,
      'ram:ActualAmount': l.allowance.amount,
      'ram:ReasonCode': ALLOWANCE_REASON_DISCOUNT,
      'ram:Reason': 'Remise',
    };
  }
  settlement['ram:SpecifiedTradeSettlementLineMonetarySummation'] = { 'ram:LineTotalAmount': amount(l.total) };
  return {
    'ram:AssociatedDocumentLineDocument': { 'ram:LineID': l.id },
    'ram:SpecifiedTradeProduct': { 'ram:Name': l.name },
    'ram:SpecifiedLineTradeAgreement': { 'ram:NetPriceProductTradePrice': { 'ram:ChargeAmount': l.netPrice } },
    'ram:SpecifiedLineTradeDelivery': { 'ram:BilledQuantity': { '@_unitCode': l.unitCode, '#text': l.quantity } },
    'ram:SpecifiedLineTradeSettlement': settlement,
  };
}

/** The CII XML of a document, UTF-8, with its declaration. */
export function ciiXml(m: CiiModel): string {
  const agreement: Node = {
    'ram:SellerTradeParty': party(m.seller),
    'ram:BuyerTradeParty': party(m.buyer),
  };
  if (m.orderRef) agreement['ram:BuyerOrderReferencedDocument'] = { 'ram:IssuerAssignedID': m.orderRef };

  const delivery: Node = {};
  if (m.shipTo) {
    delivery['ram:ShipToTradeParty'] = {
      'ram:Name': m.shipTo.name,
      'ram:PostalTradeAddress': {
        'ram:PostcodeCode': m.shipTo.address.postcode,
        'ram:LineOne': m.shipTo.address.line1,
        ...(m.shipTo.address.line2 ? { 'ram:LineTwo': m.shipTo.address.line2 } : {}),
        'ram:CityName': m.shipTo.address.city,
        'ram:CountryID': m.shipTo.country,
      },
    };
  }
  delivery['ram:ActualDeliverySupplyChainEvent'] = { 'ram:OccurrenceDateTime': date102(m.deliveryDate) };

  const settlement: Node = {};
  if (m.paymentReference) settlement['ram:PaymentReference'] = m.paymentReference;
  settlement['ram:InvoiceCurrencyCode'] = 'EUR';
  if (m.payment) {
    settlement['ram:SpecifiedTradeSettlementPaymentMeans'] = {
      'ram:TypeCode': m.payment.means,
      'ram:PayeePartyCreditorFinancialAccount': { 'ram:IBANID': m.payment.iban },
      ...(m.payment.bic ? { 'ram:PayeeSpecifiedCreditorFinancialInstitution': { 'ram:BICID': m.payment.bic } } : {}),
    };
  }
  settlement['ram:ApplicableTradeTax'] = m.taxes.map((t) => ({
    'ram:CalculatedAmount': t.vat,
    'ram:TypeCode': 'VAT',
    ...(t.exemptionReason ? { 'ram:ExemptionReason': t.exemptionReason } : {}),
    'ram:BasisAmount': t.base,
    'ram:CategoryCode': t.category,
    ...(t.exemptionCode ? { 'ram:ExemptionReasonCode': t.exemptionCode } : {}),
    ...(t.dueDateTypeCode ? { 'ram:DueDateTypeCode': t.dueDateTypeCode } : {}),
    ...(t.rate !== undefined ? { 'ram:RateApplicablePercent': t.rate } : {}),
  }));
  if (m.allowances.length) {
    settlement['ram:SpecifiedTradeAllowanceCharge'] = m.allowances.map((a) => ({
      'ram:ChargeIndicator': { 'udt:Indicator': 'false' },
      'ram:ActualAmount': a.amount,
      'ram:ReasonCode': a.reasonCode,
      'ram:Reason': a.reason,
      'ram:CategoryTradeTax': tradeTax(a.category, a.rate),
    }));
  }
  settlement['ram:SpecifiedTradePaymentTerms'] = {
    'ram:Description': m.terms.description,
    ...(m.terms.dueDate ? { 'ram:DueDateDateTime': date102(m.terms.dueDate) } : {}),
  };
  settlement['ram:SpecifiedTradeSettlementHeaderMonetarySummation'] = {
    'ram:LineTotalAmount': m.totals.lines,
    ...(m.totals.allowances ? { 'ram:AllowanceTotalAmount': m.totals.allowances } : {}),
    'ram:TaxBasisTotalAmount': m.totals.basis,
    'ram:TaxTotalAmount': withCurrency(m.totals.tax),
    'ram:GrandTotalAmount': m.totals.grand,
    'ram:DuePayableAmount': m.totals.due,
  };
  if (m.preceding?.length) {
    settlement['ram:InvoiceReferencedDocument'] = m.preceding.map((p) => ({ 'ram:IssuerAssignedID': p.number, 'ram:FormattedIssueDateTime': qdate102(p.date) }));
  }

  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'rsm:CrossIndustryInvoice': {
      ...NS,
      'rsm:ExchangedDocumentContext': {
        'ram:BusinessProcessSpecifiedDocumentContextParameter': { 'ram:ID': m.billingMode },
        'ram:GuidelineSpecifiedDocumentContextParameter': { 'ram:ID': GUIDELINE_EN16931 },
      },
      'rsm:ExchangedDocument': {
        'ram:ID': m.number,
        'ram:TypeCode': m.typeCode,
        'ram:IssueDateTime': date102(m.date),
        'ram:IncludedNote': m.notes.map((n) => ({ 'ram:Content': n.content, 'ram:SubjectCode': n.subject })),
      },
      'rsm:SupplyChainTradeTransaction': {
        'ram:IncludedSupplyChainTradeLineItem': m.lines.map(lineItem),
        'ram:ApplicableHeaderTradeAgreement': agreement,
        'ram:ApplicableHeaderTradeDelivery': delivery,
        'ram:ApplicableHeaderTradeSettlement': settlement,
      },
    },
  };
  return builder.build(doc) as string;
}
