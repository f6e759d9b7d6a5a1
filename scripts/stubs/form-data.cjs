// Build-time stand-in for `form-data`: axios's multipart support, which this CLI never uses.
module.exports = class FormData {
  constructor() {
    throw new Error("multipart request bodies are not supported by infisical-ts");
  }
};
