export { startTimelineBroker, type TimelineBroker, type TimelineSignal } from "./timeline-broker";
