// Package integration tests drydock as its users run it: the drydock binary
// built once and started as a child process (`drydock aws serve`), driven by
// the installed AWS CLI, by Terraform's AWS provider from a local mirror,
// and by aws-sdk-go-v2 clients while the server is killed with SIGKILL.
//
// Every test skips under -short. Tests that need a tool that is not
// installed (aws, terraform, the provider mirror) skip with a message.
// Nothing reaches the internet: the AWS CLI and Terraform get a proxy that
// refuses, and reports, every connection that is not to loopback.
//
// Environment: DRYDOCK_BIN tests a prebuilt binary instead of building
// ./cmd/drydock; DRYDOCK_TF_MIRROR names the provider mirror's root;
// DRYDOCK_CRASH_SEED picks the crash test's seed.
package integration
