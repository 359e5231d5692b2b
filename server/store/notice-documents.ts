/**
 * The notice shapes and enums as the services see them (beside documents.ts, so that the notice
 * domain adds a file rather than editing a shared one). The model stays behind the store.
 */
export type { Notice, NoticeAttachment } from "../../schema/notice.model";
export { LicensingMode, NoticeKind, NoticeStatus, ResearchMaturity } from "../../schema/notice.model";
export type { NoticeCandidate, NoticeCriteria, NoticesStore } from "./notices.store";
