export {
  type CaptureEvidenceInput,
  type CaptureEvidenceResult,
  captureEvidence,
  keepPollEvidence,
} from "./capture";
