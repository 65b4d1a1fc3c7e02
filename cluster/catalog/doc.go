// Package catalog holds the AWS facts drydock's defaulting and validation
// consult: regions and their zones, instance types and their
// architectures, and the images kOps picks. Static is the built-in table
// of real AWS; tests build their own (the kOps test region us-test-1).
package catalog
