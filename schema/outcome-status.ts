import { registerEnumType } from "type-graphql";

/** A graduate's destination (毕业去向); apart from the model so services use it without mongoose. */
export enum OutcomeStatus {
  EMPLOYED = "EMPLOYED",
  FURTHER_STUDY = "FURTHER_STUDY",
  UNEMPLOYED = "UNEMPLOYED",
  OTHER = "OTHER",
}
registerEnumType(OutcomeStatus, { name: "OutcomeStatus", description: "毕业去向：EMPLOYED 就业, FURTHER_STUDY 升学, UNEMPLOYED 待就业, OTHER 其他" });
