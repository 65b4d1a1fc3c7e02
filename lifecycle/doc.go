// Package lifecycle is what drydock's lifecycle verbs do, for any cloud:
// update cluster (plan, apply, Terraform), delete cluster, and later
// rolling updates, upgrades and validation. It decides; a
// providers.Provider acts on the cloud.
package lifecycle
