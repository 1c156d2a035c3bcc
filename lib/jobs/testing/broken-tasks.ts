/** Test task module that fails as it loads (a worker started for it exits with this error). */
throw Object.assign(new Error("broken task module"), { code: "broken-module" });
