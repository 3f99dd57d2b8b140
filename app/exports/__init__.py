"""Download my data (GDPR Art. 15 and 20): the parts of a person's data each feature registers
(app.exports.parts), written as JSON and CSV with a README into one ZIP archive (app.exports.archive)."""
