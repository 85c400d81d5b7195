// The kiosk's English texts, for foreign visitors who choose English on the accessibility bar.
// Typed as the Vietnamese catalogue, so a text missing here fails the typecheck. Field and
// priority names come from the site configuration and stay as written (Vietnamese).
import type { KioskMessages } from './messages-vi.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Monday, 23/11/2026" in the site's zone (day first, as the Vietnamese date). */
function dateEn(at: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
  return `${WEEKDAYS[day] ?? ''}, ${parts.day}/${parts.month}/${parts.year}`;
}

/** "under 1 minute", "12 minutes", "1 h 5 min". */
function minutesEn(minutes: number | null): string {
  if (minutes === null) return 'unknown';
  if (minutes < 1) return 'under 1 minute';
  const m = Math.round(minutes);
  if (m < 60) return m === 1 ? '1 minute' : `${m} minutes`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

export const en: KioskMessages = {
  minutes: minutesEn,
  date: dateEn,
  documentTitle: 'Lượt — Take a queue number',
  chooseField: 'Please choose the service you need',
  tapHint: 'Touch a service to take a queue number',
  waiting: (n) =>
    n === 0 ? 'Nobody waiting' : n === 1 ? '1 person waiting' : `${n} people waiting`,
  waitAbout: (text) => `Wait about ${text}`,
  waitUnknown: 'No counter open yet',
  closedReason: { OUTSIDE_HOURS: 'Not issuing now', SOLD_OUT: 'No numbers left' },
  closedExplanation: {
    OUTSIDE_HOURS: (field, hours, reopening) =>
      `${field} does not issue numbers now. Issuing hours: ${hours}.` +
      (reopening ? ` ${reopening}.` : ''),
    SOLD_OUT: (field) =>
      `${field} has no numbers left today. Please come back on the next working day.`,
  },
  ok: 'OK',
  endOfDayTitle: 'Service is over for today',
  dayOffTitle: 'No queue numbers today',

  confirmTitle: 'You chose',
  confirmAhead: (n, wait) =>
    `${n === 1 ? '1 person' : `${n} people`} waiting${wait ? ` · wait about ${wait}` : ''}`,
  takeNumber: 'Take a number',
  priorityHeading: 'If you are entitled to priority, choose:',
  priorityPrefix: 'Priority – ',
  back: 'Back',

  working: {
    checking: 'Checking the printer…',
    issuing: 'Taking a number…',
    printing: 'Printing your ticket…',
  },

  printedTitle: 'Please take your ticket',
  yourNumber: 'Your number',
  aheadOnTicket: (n) => `People waiting before you: ${n}`,
  backSoon: 'The screen goes back in a few seconds',
  done: 'Done',
  virtualTicket: 'Test ticket (virtual printer)',
  downloadTicket: 'Download the ticket image',

  onScreenTitle: 'The printer has a problem',
  onScreenBody:
    'Your number is kept. Please remember it, take a photo of the screen or scan the QR code with your phone to follow the queue.',
  onScreenQr: 'Scan to follow your turn',

  notIssuedTitle: 'No number was issued',
  printFailedCancelled:
    'The printer could not print the ticket, so no number was issued. Please ask the reception desk.',
  offlineDuringIssue:
    'The system is briefly unavailable. No number was issued; please try again later.',

  hubDown: 'The system is briefly unavailable',
  hubDownDetail: 'Numbers are not being issued. Please wait a moment or ask the reception desk.',
  hubConnecting: 'Connecting to the system…',
  hubRefused: 'This kiosk is not paired with the system. Please contact the administrator.',

  printer: {
    'paper-out': 'The printer is out of paper',
    'cover-open': 'The printer cover is open',
    offline: 'The printer is not working',
    error: 'The printer reports an error',
  },
  printerStopped: 'Numbers are not being issued. Please ask the reception desk.',
  paperNearEnd: 'The printer is almost out of paper',

  checkIn: {
    entry: 'Booked or took a number online?',
    entryAction: 'Scan or type your code',
    title: 'Scan the QR code or type the 6-character code',
    scanHint:
      'Hold the QR code on your phone to the reader, or type the code from your booking message',
    codeLabel: 'Code typed',
    keypad: 'Code keypad',
    backspace: 'Delete the last character',
    clear: 'Clear all',
    submit: 'Get my number',
    working: 'Checking the code…',
    refusedTitle: 'No number was issued',
    retype: 'Type the code again',
    refusals: {
      notFound: 'Code not found. Please check the code in your message or on your phone.',
      tooEarly:
        'It is too early to check in for this booking — please come back closer to your time.',
      tooEarlyFrom: (time) =>
        `It is too early to check in for this booking — please come back from ${time}.`,
      tooLate: 'This booking is past its check-in time. Please take a new queue number.',
      wrongSite: 'This booking is for another service point.',
      notOffered:
        'This service point does not take bookings or online numbers. Please take a new queue number.',
      used: 'This code has already been used for a number. Please ask the reception desk.',
      offline: 'The system is briefly unavailable. Please try again later.',
    },
  },

  idleTitle: 'Touch the screen to take a queue number',
  idleSubtitle: 'Chạm vào màn hình để lấy số thứ tự',

  access: {
    bar: 'Accessibility',
    largeText: 'Large text',
    highContrast: 'High contrast',
    voice: 'Spoken guidance',
    otherLanguage: 'Tiếng Việt',
    otherLanguageCode: 'vi',
    moreFields: 'More services',
    page: (n, of) => `Page ${n} of ${of}`,
  },

  settings: {
    open: 'Settings',
    pinTitle: 'Enter the administrator PIN',
    wrongPin: 'Wrong PIN.',
    locked: 'Too many wrong PINs. Please try again in 5 minutes.',
    damaged:
      'The settings file is damaged, so the settings are locked. A technician must restart the app with --reset-settings.',
    quit: 'Quit the app',
    title: 'Kiosk settings',
    setupTitle: 'First-time kiosk setup',
    hubUrl: 'Hub address',
    deviceToken: 'Device token (from luot device pair)',
    publicUrl: 'Address for phones (printed in the QR code; empty = the hub address)',
    connection: 'Printer connection',
    connectionKinds: {
      tcp: 'Network (TCP 9100)',
      device: 'USB (device file, Linux)',
      os: 'Operating system driver',
    },
    host: 'Printer IP address',
    port: 'Port',
    devicePath: 'Device file',
    osPrinter: 'Printer name',
    mode: 'Print mode',
    modes: {
      raster: 'Image (any printer, every Vietnamese diacritic)',
      text: 'Printer fonts (Windows-1258 code page)',
    },
    paper: 'Paper width',
    newPin: 'New PIN (4–8 digits; empty = keep)',
    newPinRequired: 'New PIN (4–8 digits)',
    save: 'Save and restart',
    cancel: 'Close',
    invalid: 'Some values are not valid',
    browserOnly:
      'Running in a browser: tickets go to a virtual printer (PNG image). Printer settings exist only on the kiosk machine.',
  },

  idCard: {
    title: 'Scan your citizen ID card',
    requiredLead: 'This service needs your citizen ID card (CCCD) to take a number.',
    optionalLead: 'You may scan your citizen ID card (CCCD) or skip this step.',
    howTo: 'Hold the front of the card, where the QR code is at the top right, to the reader.',
    cardPicture: 'Front of the citizen ID card, QR code at the top right',
    qrLabel: 'QR code',
    purpose:
      'The card confirms priority by age and the daily limit per person. The kiosk keeps no name, birth date or address, and prints none of them.',
    typeNumber: 'Type the ID number',
    skip: 'Skip',
    keypadTitle: 'Type the 12 digits of your ID card',
    keypadHint: 'The personal number is on the front of the card, next to the photo (Số / No.).',
    numberLabel: 'Number typed',
    keypad: 'Number keypad',
    backspace: 'Delete the last digit',
    clear: 'Clear all',
    confirm: 'Confirm',
    badNumber: 'This is not a citizen ID number. Please check the 12 digits.',
    heldOnHome: 'Your ID card has been read. Please choose a service.',
    notUsed: 'No ID card is needed here. Please choose a service.',
    received: 'ID card received',
    agePriority: 'You have priority by age',
    refusedTitle: 'No number was issued',
    rescan: 'Scan the card again',
    scanRefused: {
      'not-a-card':
        'This code is not a citizen ID card. Please scan the QR code on the front of the card.',
      inconsistent:
        'The card could not be read: the QR code does not match the ID number. Please scan again or type the number.',
    },
    refusal: {
      ID_CARD_REQUIRED:
        'This service needs your citizen ID card. Please scan the card or type its number.',
      ID_CARD_INVALID:
        'The citizen ID card could not be read. Please scan the QR code on the front again or type the number.',
      ID_CARD_MINOR: (age: number) =>
        `This service is only for citizens aged ${age} or over. A legal representative may scan their own card, or ask the reception desk.`,
      LIMIT_REACHED: (n: number) =>
        `You have already taken ${n} numbers today. Please ask the reception desk if you need help.`,
      PRIORITY_NOT_PROVEN:
        'Priority by age needs your citizen ID card. Please scan the card or take a regular number.',
    },
  },
};
