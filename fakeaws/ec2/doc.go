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
// The compute half serves launch templates (ltdata.go keeps a version's
// data flattened as it was sent, so it round-trips exactly and
// RunInstances parses it like its own parameters, launchspec.go),
// instances and EBS volumes. An instance is pending, running, stopping,
// stopped, shutting-down and terminated on timers (Config's delays); with
// a compute.Runtime that knows it, it stays pending until the runtime
// reports it up, and its status checks follow the runtime's health. Every
// API transition is told to the runtime after its transaction commits.
// Instances take their primary network interface, private address and
// public address from the networking half, so DependencyViolation and
// address reuse follow. api.go is the Go API of sibling services (Auto
// Scaling, ELBv2): LaunchFromTemplate, TerminateInstances, InstanceInfos,
// ResolveLaunchTemplate, SubnetInfos, SecurityGroupVPCs.
package ec2
