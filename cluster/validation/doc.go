// Package validation checks a Cluster and its InstanceGroups before drydock
// acts on them, as kOps does: every problem is reported, each with the
// path of the field at fault ("spec.subnets[2].cidr: 10.0.0.0/24 is not
// inside networkCIDR 172.20.0.0/16"), in a deterministic order.
package validation
