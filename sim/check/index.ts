export {
  CHECKER_CRASHED,
  composeAsyncCheckers,
  composeCheckers,
  verdictOf,
  type AsyncChecker,
  type Checker,
  type Finding,
  type Verdict,
} from "./checker.ts";
