// Never download a browser: topodoc uses the system Chromium (see src/render/chromium.ts).
module.exports = { skipDownload: true, chrome: { skipDownload: true }, "chrome-headless-shell": { skipDownload: true } };
