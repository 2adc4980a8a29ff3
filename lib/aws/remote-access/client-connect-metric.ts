/**
 * The metric the client-connect handler emits (CloudWatch embedded metric format) when the
 * device registry cannot be read; the Region's monitoring alarms on it. Shared by the
 * handler (bundled) and the monitoring construct (synth), so the two never disagree.
 */
export const METRIC_NAMESPACE = 'Tsunagi/ClientConnect';
export const REGISTRY_UNAVAILABLE_METRIC = 'RegistryUnavailable';
