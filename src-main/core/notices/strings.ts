// The notice's fixed texts. Italian comes from PagoPA's official strings (guide 3.2, shipped in
// resources/pagopa); German and English from the guide's translations. "{{X}}" is filled in.
import official from '../../../resources/pagopa/avviso-stringhe-it.json'

export type NoticeLanguage = 'it' | 'de' | 'en'

const it = official.avviso

export interface NoticeStrings {
  title: string
  ente: string
  recipient: string
  howMuch: string
  dueBy: string
  whereToPay: string
  paymentData: string
  singleInstallment: string
  installmentN: string
  cbill: string
  noticeCode: string
  enteFiscalCode: string
  subject: string
  canPayInFullOrInstallments: string
  canPayInInstallments: string
  legal: string
  payOnlineTitle: string
  payOnline: string
  payOnlineWithSite: string
  payInPersonTitle: string
  payInPerson: string
  cta: string
  qrSingle: string
  qrInstallments: string
  euro: string
  amount: string
  postalTitle: string
  postalAccount: string
  postalHolder: string
  postalType: string
  withoutDueDate: string
}

export const NOTICE_STRINGS: Record<NoticeLanguage, NoticeStrings> = {
  it: {
    title: it.intestazione.titolo,
    ente: it.infoEnteCreditore.titolo,
    recipient: it.infoDestinatario.titolo,
    howMuch: it.importoScadenza.titolo,
    dueBy: it.importoScadenza.scadenza.scadenza,
    whereToPay: it.dovePagare.titolo,
    paymentData: it.datiPagamento.titolo,
    singleInstallment: it.datiPagamento.rataUnica,
    installmentN: it.datiPagamento.numRata,
    cbill: it.datiPagamento.cbill.breve,
    noticeCode: it.datiPagamento.avviso.breve,
    enteFiscalCode: it.datiPagamento.codiceFiscaleEnte.breve,
    subject: it.datiPagamento.oggettoDelPagamento,
    canPayInFullOrInstallments: it.importoScadenza.disclaimer.rate.rate,
    canPayInInstallments: it.importoScadenza.disclaimer.rate.soloRate,
    legal: it.importoScadenza.disclaimer.legal,
    payOnlineTitle: it.dovePagare.italia.online.titolo,
    payOnline: it.dovePagare.italia.online.descrizione.noEnte,
    payOnlineWithSite: it.dovePagare.italia.online.descrizione.sitoEnte,
    payInPersonTitle: it.dovePagare.italia.territorio.titolo,
    payInPerson: it.dovePagare.italia.territorio.descrizione,
    cta: it.dovePagare.cta,
    qrSingle: it.datiPagamento.istruzioni.qrCode.rataUnica,
    qrInstallments: it.datiPagamento.istruzioni.qrCode.rate,
    euro: it.importoScadenza.euro,
    amount: it.importoScadenza.importo.importo,
    postalTitle: 'Bollettino Postale pagabile in tutti gli Uffici Postali e sui canali fisici o digitali abilitati di Poste Italiane',
    postalAccount: 'sul C/C n.',
    postalHolder: 'Intestato a',
    postalType: 'Tipo',
    withoutDueDate: 'senza scadenza'
  },
  de: {
    title: 'Zahlungsmitteilung',
    ente: 'Körperschaft',
    recipient: 'Empfänger',
    howMuch: 'Wieviel und wann bezahlen?',
    dueBy: 'Fällig am',
    whereToPay: 'Wo bezahlen?',
    paymentData: 'Zahlungsinformationen',
    singleInstallment: 'Einzige Rate',
    installmentN: 'Rate {{Numero}}',
    cbill: 'CBILL-Kodex',
    noticeCode: 'Zahlungsmitteilungskodex',
    enteFiscalCode: 'St.Nr. der Körperschaft',
    subject: 'Zahlungsgrund',
    canPayInFullOrInstallments: 'Es ist möglich, den Betrag vollständig oder in {{Numero}} Raten zu zahlen',
    canPayInInstallments: 'Es ist möglich, den Betrag in {{Numero}} Raten zu zahlen',
    legal: 'Bei der Zahlung kann der Betrag, falls von der Körperschaft vorgesehen, automatisch aktualisiert werden und sich verringern (Ermäßigungen, Gutschriften) oder erhöhen (Strafen, Zinsen usw.).',
    payOnlineTitle: 'Mit der App IO bezahlen',
    payOnline: 'oder über dein Home Banking, deine Zahlungs-App oder die anderen zugelassenen Kanäle.',
    payOnlineWithSite: 'oder auf der Website von {{EnteNome}}, über dein Home Banking, deine Zahlungs-App oder die anderen zugelassenen Kanäle.',
    payInPersonTitle: 'Vor Ort bezahlen',
    payInPerson: 'bei Banken und Bankautomaten, in Postämtern, Bars, Zeitungskiosken, Annahmestellen, Supermärkten, Tabakläden und bei anderen zugelassenen Betreibern.',
    cta: 'besuche pagopa.gov.it',
    qrSingle: 'Scanne den QR-Code mit deiner Zahlungs-App oder verwende die Daten daneben.',
    qrInstallments: 'Scanne den QR-Code mit deiner Zahlungs-App oder verwende die Daten oben.',
    euro: 'Euro',
    amount: 'Betrag',
    postalTitle: 'Postüberweisung, zahlbar in allen Postämtern und über die zugelassenen Kanäle der Poste Italiane',
    postalAccount: 'auf K/K Nr.',
    postalHolder: 'Lautend auf',
    postalType: 'Typ',
    withoutDueDate: 'ohne Fälligkeit'
  },
  en: {
    title: 'Payment Notice',
    ente: 'Payee',
    recipient: 'Recipient',
    howMuch: 'How much and when to pay?',
    dueBy: 'Due Date',
    whereToPay: 'Where to pay?',
    paymentData: 'Payment details',
    singleInstallment: 'Full amount',
    installmentN: 'Installment #{{Numero}}',
    cbill: 'CBILL Code',
    noticeCode: 'Notice Code',
    enteFiscalCode: 'Payee Tax Code',
    subject: 'Payment subject',
    canPayInFullOrInstallments: 'You can pay the full amount or split in {{Numero}} installments',
    canPayInInstallments: 'You can pay in {{Numero}} installments',
    legal: 'At payment time, if the payee allows it, the amount may be updated automatically and decrease (rebates, credit notes) or increase (penalties, interest, etc.).',
    payOnlineTitle: 'Pay with the IO app',
    payOnline: 'or from your home banking, your payment app or the other enabled channels.',
    payOnlineWithSite: 'or on the website of {{EnteNome}}, from your home banking, your payment app or the other enabled channels.',
    payInPersonTitle: 'Pay in person',
    payInPerson: 'at banks and ATMs, post offices, bars, newsagents, lottery outlets, supermarkets, tobacconists and other enabled operators.',
    cta: 'go to pagopa.gov.it',
    qrSingle: 'Scan the QR code with your payment app or use the data beside it.',
    qrInstallments: 'Scan the QR code with your payment app or use the data above.',
    euro: 'Euro',
    amount: 'Amount',
    postalTitle: 'Postal payment slip, payable at all post offices and on the enabled channels of Poste Italiane',
    postalAccount: 'on account no.',
    postalHolder: 'Account holder',
    postalType: 'Type',
    withoutDueDate: 'no due date'
  }
}

export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''))
}
