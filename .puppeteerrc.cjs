// No internet on CI/dev machines: never let puppeteer download a browser.
// Production uses the system Chromium through CHROMIUM_PATH.
module.exports = { skipDownload: true };
