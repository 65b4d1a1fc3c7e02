package elbv2

import (
	"net/netip"
	"time"
)

// Network is what ELBv2 needs to know of EC2. Its methods are called
// outside any store transaction.
type Network interface {
	// Subnet looks up a subnet of the account in the region.
	Subnet(account, region, id string) (Subnet, bool, error)
	// SecurityGroupVPCs returns the VPC of each of ids that exists in the
	// account and region; missing groups are absent from the map.
	SecurityGroupVPCs(account, region string, ids []string) (map[string]string, error)
	// Instance looks up an instance of the account in the region.
	Instance(account, region, id string) (Instance, bool, error)
}

// Subnet is a subnet as a load balancer sees it.
type Subnet struct {
	VpcID            string
	AvailabilityZone string
}

// Instance states, as EC2 names them.
const (
	StatePending      = "pending"
	StateRunning      = "running"
	StateStopping     = "stopping"
	StateStopped      = "stopped"
	StateShuttingDown = "shutting-down"
	StateTerminated   = "terminated"
)

// Instance is an instance as a target group sees it.
type Instance struct {
	// State is the EC2 instance state name (StateRunning, ...).
	State            string
	PrivateIP        netip.Addr
	VpcID            string
	AvailabilityZone string
	// StateSince is when the instance entered State; the zero time when
	// unknown. Health checks of a target count from it.
	StateSince time.Time
}

// noNetwork is the Network of a service configured without one: nothing
// exists, so load balancers can't be created.
type noNetwork struct{}

func (noNetwork) Subnet(string, string, string) (Subnet, bool, error) { return Subnet{}, false, nil }

func (noNetwork) SecurityGroupVPCs(string, string, []string) (map[string]string, error) {
	return map[string]string{}, nil
}

func (noNetwork) Instance(string, string, string) (Instance, bool, error) {
	return Instance{}, false, nil
}
