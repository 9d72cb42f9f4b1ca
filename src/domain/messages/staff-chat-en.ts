/** What the bot says to linked staff in chat, in English; same keys as staff-chat-id.ts. */
export const staffChatEn = {
  linked: (name: string, region: string) =>
    `Your account is linked as staff member ${name} (${region}). Send /moderasi in the moderators' group to make it your area's moderation group. Type /bantuan for staff commands.`,
  badCode: 'The code is not valid or was already used. Ask the Saring admin for a new code.',
  masukUsage: 'Write the code from the admin, for example: /masuk A1B2-C3D4-E5F6-0718',
  masukTooMany: 'Too many code attempts. Wait a few minutes, then try again with the code from the admin.',
  notStaff: 'This command is only for KIM volunteers and Diskominfo staff who have linked their account (/masuk CODE).',
  moderasiGroupOnly: "Send /moderasi in the moderators' group, not in a private chat.",
  moderasiSet: (region: string, open: number) =>
    `This group is now the moderation group for ${region}. New claims from residents will appear here.` +
    (open > 0 ? ` I am sending the ${open} claims still waiting for a check now.` : ''),
  askClarification: (claimId: number, label: string) =>
    `Claim #${claimId} → ${label}.\nReply to this message with a short clarification (max. 700 characters) and ONE source link.`,
  needSource: 'Please include one source link (https://…) with the clarification text.',
  tooLong: (n: number) => `The clarification is too long (${n} characters). The maximum is 700 characters.`,
  preview: (text: string) => `Preview of the answer for residents:\n\n${text}\n\nPublish?`,
  previewSummary: (summary: string) =>
    `Summary that will be published:\n"${summary}"\n\nPhone numbers, ID numbers, bank accounts and e-mails are already hidden. Is there an address or a person's name? Press "Edit summary".`,
  askSummary: (max: number) => `Reply to this message with a summary of the claim for the public page (max. ${max} characters), without names, addresses or people's numbers.`,
  summaryTooLong: (n: number, max: number) => `The summary is too long (${n} characters). The maximum is ${max} characters.`,
  publishButton: 'Publish',
  cancelButton: 'Cancel',
  editSummaryButton: 'Edit summary',
  published: (claimId: number, answered: number, corrected: number) =>
    `Claim #${claimId} published. ${answered} residents get an answer` + (corrected ? `, ${corrected} residents get a correction.` : '.'),
  cancelled: 'Cancelled. Nothing was sent to residents.',
  refused: 'Not possible: ',
  askSameAs: (claimId: number) => `Claim #${claimId} is the same as which claim? Reply with its number, for example #123.`,
  reportConfirmed: (ticket: string, claimId: number, answered: boolean) =>
    `Report ${ticket} confirmed as the same as claim #${claimId}.${answered ? ' The reporter will receive its clarification.' : ''}`,
  reportDetached: (ticket: string, from: number, to: number) =>
    `Report ${ticket} is not claim #${from}; it is now claim #${to} and will be checked on its own.`,
  lateSuggestion: (ticket: string, claimId: number, label: string, excerpt: string) =>
    [
      `❓ New report ${ticket} is only similar to claim #${claimId}, already decided ${label}:`,
      '',
      excerpt,
      '',
      'Is it the same? The reporter receives the clarification only after ✓.',
    ].join('\n'),
  reportUnchanged: (ticket: string) => `Report ${ticket} is no longer waiting for confirmation (already confirmed or separated).`,
  merged: (from: number, into: number) => `Claim #${from} was merged into claim #${into}. Its reporters will receive the answer of claim #${into}.`,
  badMergeTarget: 'That claim number cannot be used (it does not exist, is the same, was merged, or is outside your area). Reply with another claim number, for example #123.',
} as const;
