/** The plan's types live in lib/model (shared by profile, planner and stacks); re-exported here for existing imports. */
export * from '../model/plan';
