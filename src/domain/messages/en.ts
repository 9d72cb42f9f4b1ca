import type { Messages } from './id.js';
import { count } from './english-count.js';
import { staffChatEn } from './staff-chat-en.js';

/**
 * The bot's words in English, for residents who chose `/bahasa en` (visitors, workers from elsewhere,
 * people more at home in English). Plain, short sentences for readers whose first language is not
 * English. Same keys as `id.ts`: `satisfies Messages` makes TypeScript refuse a missing or extra key.
 * Commands stay the Indonesian ones (`/status`, `/desa` …): they are the same for everybody.
 */
export const en = {
  feedbackReopened: (claimId: number, unhelpful: number) =>
    `⚠️ Claim #${claimId} is open again: ${count(unhelpful, 'resident')} found this answer unhelpful. Please check it again, then publish a clearer answer.`,
  feedbackCardNote: (unhelpful: number) => `⚠️ ${count(unhelpful, 'resident')} found this answer unhelpful — please check again.`,
  cardBand: {
    tinggi: 'Hoax likelihood: HIGH',
    sedang: 'Hoax likelihood: MEDIUM (needs checking)',
    rendah: 'Hoax likelihood: LOW',
    tidak_yakin: 'Hoax likelihood: NOT SURE (the text is too short or its words are rarely seen)',
  },
  cardReasons: (reasons: string[]) => `Signs: ${reasons.join('; ')}`,
  start: [
    'Hello! I am Saring, a hoax-checking bot from KIM (village information groups) and Diskominfo.',
    '',
    'Did you get a suspicious message in a WhatsApp or Telegram group? Just forward it here — text, a link, or a photo with a caption.',
    '',
    'I will give you a ticket number. KIM volunteers in your area will check it, and I will send the answer here.',
    '',
    'Type /bantuan to see all commands.',
  ].join('\n'),
  help: [
    'Commands you can use:',
    '• Forward a suspicious message — I give you a ticket number',
    '• /status T-1234 — see how your ticket is doing',
    '• /hapus T-1234 — delete your report',
    '• /desa NAME — set your village',
    '• /langganan — get official clarifications for your area (/berhenti to stop)',
    '• /start — a short explanation of Saring',
    '• /bantuan — this list of commands',
    '• /bahasa id — Bahasa Indonesia',
  ].join('\n'),
  staffHelp: [
    'For KIM volunteers and Diskominfo:',
    '• /moderasi — send it in the moderators\' group; claims from your area will appear there',
    '• /masuk CODE — link your staff account',
    '• In a KIM group (group admins): /daftar VILLAGE_NAME, /mode waspada or /mode diam, /berhenti',
    '• /ringkasan on|off — weekly digest of clarifications, in a KIM group or a moderation group',
  ].join('\n'),
  groupHelp: [
    'Hello, I am Saring, a hoax-checking bot from KIM and Diskominfo. Residents can report to me in a private chat.',
    'Group admins: /daftar VILLAGE_NAME so this group gets official clarifications, /mode waspada so I answer copies of hoaxes, /berhenti to stop.',
  ].join('\n'),
  ticketAskDesa: 'Which village are you from? Choose your village below, or type /desa VILLAGE_NAME, so your report reaches the nearest KIM volunteers.',
  ticketReceived: (ticket: string) =>
    [
      `Thank you, we received your report. Ticket number: ${ticket}`,
      '',
      'KIM volunteers will check whether it is true. The answer will come here, usually within 24 hours.',
      `Check progress at any time with: /status ${ticket}`,
      '',
      'Meanwhile, please do not forward that message to other people yet.',
    ].join('\n'),
  scamWarning: [
    '⚠️ WARNING: this message looks like a SCAM.',
    'Do not send money, do not share an OTP / verification code, and do not click its link.',
    'Government officials and offices never ask for money or OTP codes on WhatsApp/Telegram.',
  ].join('\n'),
  scamLookalikeLink: 'The link imitates a government website. Official government websites always end in .go.id — do not enter any data there.',
  ticketDuplicate: (ticket: string) =>
    `You already reported this message with ticket ${ticket}. Check its progress with /status ${ticket}.`,
  statusUsage: 'Write the ticket number, for example: /status T-1234',
  statusNotFound: (ticket: string) => `Ticket ${ticket} was not found among your reports. Please check the number.`,
  status: {
    received: (ticket: string) => `Ticket ${ticket}: the report was received and is being processed.`,
    waiting: (ticket: string, count: number) =>
      `Ticket ${ticket}: waiting for KIM volunteers to check it.` + (count > 1 ? ` The same message has been reported ${count} times.` : ''),
    verified: (ticket: string, label: string) => `Ticket ${ticket}: checked. The result: ${label}`,
    deleted: (ticket: string) => `Ticket ${ticket}: this report has been deleted.`,
  },
  flood: 'You sent many reports in a short time. New reports can be accepted again in a few minutes. Thank you for caring.',
  floodCommands: 'You sent many commands in a short time. Wait a few minutes, then try again.',
  hapus: {
    usage: 'Write the ticket number to delete, for example: /hapus T-1234',
    done: (ticket: string) => `Report ${ticket} has been deleted. Its text is no longer kept.`,
  },
  erasedClaimText: '(The text of this report was deleted at the reporter\'s request or because the storage period ended.)',
  unknownCommand: 'Sorry, I do not know that command. Type /bantuan to see the commands you can use.',
  unsupportedMedia: 'Sorry, I cannot check stickers or locations yet. Send the text, or the photo.',
  media: {
    tooLarge: (mb: number) =>
      `The file is too large (more than ${mb} MB), so we did not keep it and cannot read it. Send a smaller screenshot, or just the text.`,
    tooManyPixels: 'The picture is too large to read. Send a normal screenshot, or just the text.',
    unreadable: 'The picture is damaged or cannot be opened, so we cannot read it. Try sending it again, or just the text.',
    animated: 'We cannot read moving pictures (GIF) yet. Send a screenshot or just the text.',
    unsupported: 'We cannot read this type of file yet. Send a photo, a screenshot, or just the text.',
    notChecked: 'We cannot check videos and voice messages automatically yet. We kept it and KIM volunteers will look at it.',
    cardPhoto: (claimId: number) => `Picture reported by residents for claim #${claimId}`,
    cardFile: (claimId: number) => `File (video/voice) reported by residents for claim #${claimId}`,
  },
  chatter: {
    askForMessage:
      'To check it, we need the message itself. Forward or copy the message you want checked here — the text, link, or photo. We cannot check the question alone.',
    afterReport: 'We received the message you sent and it is being checked. The answer will come here.',
    greeting: 'Hello! Forward here the message you want checked, or type /bantuan.',
    thanks: 'You are welcome 🙏 If another message looks doubtful, just forward it here.',
    ack: 'OK 🙏',
  },
  noWords: 'The message has only emoji or symbols, so there is nothing to check. Forward the original message (text, link, or photo with a caption).',
  emptyMessage: 'The message is empty. Forward the message you want checked, or type /bantuan.',
  tooLong: (max: number) => `This message is very long; I kept the first ${max.toLocaleString('en-US')} characters to check.`,
  spikeAlert: (claimId: number, reports: number, desa: number, text: string) =>
    [
      `🚨 SPIKE IN REPORTS: claim #${claimId} was reported ${reports} times from ${desa} villages in the last hour.`,
      '',
      text,
      '',
      'Please check it soon and, if needed, publish an official clarification.',
    ].join('\n'),
  desa: {
    usage: 'Write the name of your village, for example: /desa Simpang Limbur\nIf many villages have the same name, add the district or regency: /desa Sukamaju Cianjur',
    notFound: (q: string) => `Village "${q}" was not found. Check the spelling, or write only part of the name.`,
    choose: 'Choose your village:',
    chooseFor: (q: string, count: number) => `There are ${count} villages named "${q}". Choose your village:`,
    chooseArea: (q: string, count: number, level: 'provinsi' | 'kabupaten' | 'kecamatan', command: 'desa' | 'daftar') =>
      `There are ${count} villages named "${q}". In which ${level === 'provinsi' ? 'province' : level === 'kabupaten' ? 'regency/city' : 'district (kecamatan)'} is ${command === 'desa' ? 'your village' : "this group's village"}?\n` +
      `(You can also write it with the regency, for example: /${command} ${q} Cianjur)`,
    browse: (level: 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa') =>
      level === 'desa'
        ? 'Choose your village:'
        : level === 'kabupaten'
          ? 'Choose your regency/city:'
          : level === 'kecamatan'
            ? 'Choose your district (kecamatan):'
            : 'Choose your province:',
    askOne: (label: string) =>
      `Do you mean ${label}? If yes, choose "Yes, this is my village". If not, write it again with the district or regency, for example: /desa Sukamaju Cianjur`,
    saved: (label: string) => `Thank you. Your village is saved: ${label}.\nYour reports will be checked by local KIM volunteers. Wrong choice? Choose "No, change".`,
    undone: 'OK, that choice was cancelled. Write your village name again with the district or regency, for example: /desa Sukamaju Cianjur',
    stale: 'This choice is no longer valid. Write it again: /desa VILLAGE_NAME',
    buttons: { yes: 'Yes, this is my village', undo: 'No, change', next: 'Next ›', prev: '‹ Previous', ask: '📍 Choose my village' },
  },
  staff: staffChatEn,
  groups: {
    daftarUsage: "Write the name of this group's village, for example: /daftar Simpang Limbur",
    daftarChoose: "Choose this group's village:",
    notAdmin: 'Only group admins can set up Saring in this group.',
    unknownRegion: (code: string) => `Region code ${code} is not known. Just write the village name, for example: /daftar Simpang Limbur`,
    registered: (label: string) =>
      `This group is registered as the KIM group of ${label}. Official Diskominfo clarifications for this area will be sent here. Type /mode waspada so I answer copies of hoaxes that were already clarified.`,
    unregistered: 'This group no longer receives Saring broadcasts. Register again at any time with /daftar VILLAGE_NAME.',
    notRegistered: 'This group is not registered yet. A group admin can register it with /daftar VILLAGE_NAME.',
    cannotReadGroup:
      'Alert mode cannot be used yet: I cannot read normal messages in this group. Make me a group admin (no extra rights needed), then send /mode waspada again.',
    modeUsage: 'Choose a mode: /mode waspada (I answer copies of clarified hoaxes) or /mode diam (official broadcasts only).',
    modeSet: (mode: string) =>
      mode === 'waspada'
        ? 'ALERT mode (waspada) is on: I will reply to messages that are copies of clarified hoaxes or scams. Otherwise I stay quiet.'
        : 'QUIET mode (diam) is on: I only send official broadcasts.',
    subscribed: (region: string) => `You are subscribed to clarification broadcasts for ${region}. Stop at any time with /berhenti.`,
    needDesa: 'First set your village with /desa NAME, then send /langganan.',
    unsubscribed: 'You no longer receive broadcasts. Subscribe again with /langganan.',
    notSubscribed: 'You are not subscribed to broadcasts. Send /langganan to start.',
  },
  digest: {
    usage: 'Weekly digest: /ringkasan on to start, /ringkasan off to stop.',
    state: (on: boolean, region: string) =>
      on
        ? `The weekly digest for ${region} is ON: every week I send the list of messages that were clarified. Turn it off with /ringkasan off.`
        : `The weekly digest for ${region} is not on yet. Turn it on with /ringkasan on.`,
    turnedOn: (region: string) => `Weekly digest on. Every week this group receives the list of messages clarified in ${region}. Turn it off with /ringkasan off.`,
    turnedOff: 'Weekly digest turned off. Turn it on again at any time with /ringkasan on.',
    notRegistered: "The weekly digest is for registered KIM groups (/daftar VILLAGE_NAME) or staff moderation groups (/moderasi) only.",
    header: (from: string, to: string) => `📋 Clarifications of the week (${from} – ${to})`,
    intro: 'These messages were checked. Open the link for the full explanation:',
    more: (n: number, listUrl: string | null) => (listUrl ? `…and ${n} more: ${listUrl}` : `…and ${n} more.`),
    closing: 'Check before you share. Got a suspicious message? Send it to me in a private chat.',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  broadcastVariants: {
    greetings: [
      'Hello, members of this group.',
      'Good day, dear residents.',
      'Greetings, ladies and gentlemen.',
      'Hello, village residents.',
      'Excuse me, everyone, here is important information.',
    ],
    closings: [
      'Please help correct it if this message appears in other groups. Check before you share.',
      'If you receive a similar message, do not forward it yet. Check before you share.',
      'Thank you for helping keep this group free of hoaxes. Check before you share.',
      "Let's check before sharing a message. Check before you share.",
    ],
  },
  shyReply: (label: string, clarification: string, source: string | undefined) =>
    [`⚠️ ${label} This message has already been clarified.`, '', clarification.slice(0, 500), ...(source ? ['', `Source: ${source}`] : [])].join('\n'),
  groupOnlyPrivate: 'To report, send me a private message.',
  verdictLabels: {
    hoaks: '[HOAX]',
    penipuan: '[SCAM]',
    menyesatkan: '[MISLEADING]',
    belum_terbukti: '[NOT PROVEN]',
    benar: '[TRUE]',
    di_luar_cakupan: '[NOT CHECKABLE]',
  },
  answer: {
    official: 'Official clarification from Diskominfo',
    community: 'Checked by KIM volunteers',
    source: (url: string) => `Source: ${url}`,
    ticket: (ticket: string) => `Ticket: ${ticket}`,
    correction: (ticket: string, from: string, to: string) => `CORRECTION for ticket ${ticket}: the result changed from ${from} to ${to}.`,
    link: (url: string) => `Share this clarification: ${url}`,
    cardCaption: (label: string, url: string | null) =>
      `${label} Clarification card: forward this picture to the groups that received the message.${url ? `\n${url}` : ''}`,
    helpfulButton: 'Helpful 👍',
    unhelpfulButton: 'Not helpful 👎',
    thanksHelpful: 'Thank you! Glad the answer helped. Please forward the card to the groups that received that message.',
    thanksUnhelpful: 'Thank you for telling us. The volunteers will use it to improve the answer.',
    alreadyRated: 'Your rating for this answer was already recorded. Thank you!',
    outdated: 'This answer has been updated since. Thank you, there is no need to rate it again.',
  },
  broadcast: {
    header: (label: string) => `📢 OFFICIAL CLARIFICATION FROM DISKOMINFO — ${label}`,
    circulating: (quote: string) => `Message going around: "${quote}"`,
    closing: 'Please help correct it if this message appears in other groups. Check before you share.',
  },
  language: {
    usage: 'Choose a language: /bahasa id (Bahasa Indonesia) or /bahasa en (English).',
    set: 'OK, from now on I will write to you in English. Type /bahasa id for Bahasa Indonesia.',
  },
  card: {
    claim: 'Message going around:',
    facts: 'The facts:',
    source: 'Source',
    official: '✔ Official clarification',
    community: 'Checked by KIM volunteers',
  },
} as const satisfies Messages;
