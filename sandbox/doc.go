// Package sandbox runs the local sandbox: fakeaws, with its DNS server,
// as a background process on loopback that every drydock command uses by
// default. Its files live in $DRYDOCK_HOME/sandbox (default
// ~/.drydock/sandbox):
//
//	sandbox.json  the running sandbox (pid, endpoint, DNS address, ...),
//	              written by the sandbox once it listens, removed at exit
//	sandbox.log   its stdout and stderr
//	lock          flock'ed around check-and-start, so that commands started
//	              at once share one sandbox
//	state/        fakeaws' data
//
// Ensure returns the running sandbox or starts one (re-executing the
// current binary as `drydock sandbox serve`); Stop, Status, Reset and Env
// serve `drydock sandbox down|status|reset|env`.
package sandbox
