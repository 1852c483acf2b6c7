// Jest 30 reads testTimeout only from the global config, not from a project's: set it here.
jest.setTimeout(60_000);
