// Package pricing estimates the on-demand cost of the AWS resources a plan
// creates: EC2 instances, EBS volumes, Network Load Balancers, NAT gateways,
// public IPv4 addresses and Route53 hosted zones.
//
// The prices are a table kept in the code (data.go) with their source and the
// date they were taken. They are approximate: `drydock update cluster` prints
// them as an estimate, never as a bill. An unknown region or type is an error
// naming it, never a silent zero.
package pricing
