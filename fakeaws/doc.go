// Package fakeaws is a wire-compatible AWS on loopback: one HTTP handler
// serves every service (STS, IAM, S3, ...), routed by the SigV4 credential
// scope, verifying signatures against configured accounts and persisting
// state so that a restart loses nothing that was acknowledged.
//
// Point any AWS client at it with AWS_ENDPOINT_URL.
package fakeaws
