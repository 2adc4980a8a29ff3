// Snapshot serializer: asset hashes change across machines and CDK versions, so every
// 64-hex-digit hash (with its .zip/.json suffix) is replaced before comparison.
const HASH = /[A-Fa-f0-9]{64}/;
module.exports = {
  test: (value) => typeof value === 'string' && HASH.test(value),
  serialize: (value) => JSON.stringify(value.replace(/[A-Fa-f0-9]{64}/g, '<asset-hash>')),
};
