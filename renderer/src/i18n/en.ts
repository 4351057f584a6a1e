import { headerEn } from './look-strings';
import type { Catalog } from './catalog';
import { lossEn } from './loss-strings';
import { guideStringsEn } from './guide-strings';
import { attendantEn } from './attendant-strings';
import { inquiryEn } from './inquiry-strings';
import { sessionEn } from './session-strings';
import { printEn, replacementEn } from './print-strings';
import { pinChangeEn } from './pin-strings';

export const en: Catalog = {
  ...guideStringsEn,
  header: headerEn,
  app: {
    title: 'Social Security Card Self-Service',
    hotline: 'Hotline 12333',
    connecting: 'Connecting to the kiosk service, please wait…',
  },
  attract: {
    insertCard: 'Please insert your social security card',
    insertHint: 'Chip side up, into the card slot below the screen',
    noCardTitle: 'No card with you?',
    reportLost: 'Report a lost card',
    reportLostHint: 'Lost your card? Pre-report the loss with your ID number, no card needed',
    guide: 'Service guide',
    guideHint: 'Replacement cards, documents needed, how it works',
    language: '中文',
    languageLabel: 'Switch to Chinese',
    largeText: 'Large text',
    largeTextOn: 'Large text: on',
    largeTextOff: 'Large text: off',
  },
  card: {
    reading: 'Reading your card — please do not remove it',
    readingHint: 'This takes a few seconds. Please wait.',
    finish: 'Finish and take card',
    takeOut: 'Take out the card',
    takeCard: 'Please take your card',
    readTitle: 'Your social security card has been read',
    expiredTitle: 'Your social security card has expired',
    expiredWarning:
      'This card is past its expiry date and cannot be used. Please bring your ID card to a service counter for a replacement.',
    numberInvalid: 'The card number failed its check. Please have it checked at a service counter.',
    holder: 'Cardholder',
    holderLocked: 'Shown after online verification',
    number: 'Card number',
    type: 'Card type',
    generation: 'Card version',
    gen2: '2nd-generation card',
    gen3: '3rd-generation card',
    issued: 'Issued',
    expires: 'Valid until',
    types: {
      child: 'Child card',
      student: 'Student card',
      adult: 'Adult card',
      senior: 'Senior card',
    },
    notSscTitle: 'This is not a social security card',
    notSscBody:
      'Please take the card out, make sure it is your social security card, and insert it chip side up.',
    unreadableTitle: 'This card cannot be read',
    unreadable: {
      try_again: 'Please take the card out, wipe the chip, and insert it again chip side up.',
      call_staff:
        'This card cannot be used at this kiosk right now. Please take it out and go to a service counter.',
      out_of_service:
        'The card reader has a fault. Please take the card out and go to a service counter.',
    },
  },
  unavailable: {
    title: 'This service is not offered at this kiosk',
    body: '"{{name}}" is switched off at this kiosk. Please go to a service counter, or call 12333.',
    offHere: '"{{name}}" is not offered at this kiosk; please go to a service counter.',
    backToCard: 'Back',
    fn: {
      inquiry: 'Inquiry',
      print: 'Printing',
      activation: 'Card activation',
      change_pin: 'Changing the PIN',
      loss_report: 'Loss report',
      cancel_loss_report: 'Cancelling a loss report',
      guide: 'Service guide',
    },
  },
  inquiry: inquiryEn,
  session: sessionEn,
  print: printEn,
  replacementPage: replacementEn,
  pinChange: pinChangeEn,
  loss: lossEn,
  attendant: attendantEn,
  common: {
    back: 'Back to start',
  },
  service: {
    outOfService: 'Out of service',
    reason: {
      card_reader:
        'The card reader is not working. Please go to a service counter or try again later.',
      central_service:
        'The social security centre cannot be reached. Please go to a service counter or try again later.',
      attendant:
        'This kiosk is under maintenance. Please go to a service counter or try again later.',
      starting: 'Starting up, please wait…',
    },
    printerDown: 'The printer is unavailable: receipts cannot be printed right now',
    centralDown: 'The social security centre cannot be reached: some services are paused',
  },
  demo: {
    panel: 'Demo',
    title: 'Demo panel (demo mode only)',
    insert: 'Insert card',
    remove: 'Remove card',
    close: 'Close',
  },
};
