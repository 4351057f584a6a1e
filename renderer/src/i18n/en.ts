import type { Catalog } from './catalog';
import { guideStringsEn } from './guide-strings';

export const en: Catalog = {
  ...guideStringsEn,
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
    detected: 'Your card has been detected',
    reading: 'Reading your card. Please do not remove it.',
    finish: 'Finish and take card',
    takeCard: 'Please take your social security card',
  },
  unavailable: {
    title: 'This service is not available yet',
    body: 'This kiosk cannot handle this service yet. Please go to a service counter, or call 12333.',
  },
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
