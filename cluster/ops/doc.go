// Package ops is what drydock's configuration verbs do: create cluster,
// create -f, replace, get, edit and delete, against a state store. The
// commands under cmd/drydock/app turn flags into these calls.
package ops
