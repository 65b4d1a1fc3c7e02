// Package sts serves the AWS Security Token Service: GetCallerIdentity,
// and AssumeRole, which issues temporary ASIA… credentials with a session
// token that act in the role's account until they expire.
package sts
