// Package ec2 serves Amazon EC2 over the ec2 query protocol: regions and
// zones, the instance type and AMI catalogues, and the networking half of
// a VPC — VPCs, DHCP options, subnets, internet and NAT gateways, Elastic
// IPs, route tables, security groups, network ACLs, network interfaces,
// key pairs and tags.
//
// EC2 is regional: every resource belongs to an account and a region and
// is invisible from any other. Each kind is a table keyed by its ID
// (table.go); Describe calls share one evaluator of filters (filter.go),
// MaxResults/NextToken paging (paging.go) and tag handling (tags.go).
// States that move in time (a NAT gateway pending → available, deleted →
// gone) are timers settled lazily on the injected clock (timers.go), so a
// fake clock steps them without any goroutine.
//
// It answers as EC2 does where clients can tell: vpc-… IDs of 17 hex
// digits, InvalidXxxID.Malformed and .NotFound codes, DependencyViolation
// when something still depends on what is deleted, the default VPC quota
// (five per region), the main route table, default security group, default
// network ACL and DHCP options a new VPC comes with.
//
// The compute half of EC2 (instances, volumes, launch templates) builds on
// the same pieces: a table per kind registered in registerTables for
// tags, createENI/deleteENI for network interfaces (with allocateIP and
// releaseIP for a subnet's private addresses), allocatePublicIP,
// associateAllocation, lookupImage, instanceTypeInfo and offered for the
// catalogues, keyPairByName, tagSpecsFor for RunInstances' several
// resource types, schedule and registerTimers for states that move in
// time, and the instances hook through which routes find their target.
package ec2
