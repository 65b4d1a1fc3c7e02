package autoscaling

import (
	"context"
	"errors"
	"time"
)

// Fleet launches, terminates and observes EC2 instances. The reconciler
// calls it outside store transactions and may repeat a call after a crash,
// so every call must be idempotent.
type Fleet interface {
	// Launch runs one instance. Launching again with the same
	// spec.ClientToken returns the instance of the first launch.
	Launch(ctx context.Context, account, region string, spec LaunchSpec) (Instance, error)
	// Terminate terminates the instances; unknown or already terminated
	// ones are not an error.
	Terminate(ctx context.Context, account, region string, ids []string) error
	// Instances describes the instances that exist among ids (terminated
	// ones included while EC2 still shows them); missing ones are left out.
	Instances(ctx context.Context, account, region string, ids []string) ([]Instance, error)
}

// Lookup resolves what a group refers to in EC2, for validation and to
// pin a launch template version.
type Lookup interface {
	// LaunchTemplate finds the template ref names (by ID or name) and
	// resolves ref.Version ("", "$Default", "$Latest" or a number) to a
	// version number; ok is false when the template or the version does
	// not exist.
	LaunchTemplate(ctx context.Context, account, region string, ref TemplateRef) (lt LaunchTemplate, ok bool, err error)
	// Subnets describes the subnets that exist among ids.
	Subnets(ctx context.Context, account, region string, ids []string) ([]Subnet, error)
}

// EC2 is everything the service needs from EC2.
type EC2 interface {
	Fleet
	Lookup
}

// TargetGroups registers instances with ELBv2 target groups.
// Registering a registered target, or deregistering an unknown one, is
// not an error.
type TargetGroups interface {
	Register(ctx context.Context, account, region, targetGroupARN string, instanceIDs []string) error
	Deregister(ctx context.Context, account, region, targetGroupARN string, instanceIDs []string) error
	Exists(ctx context.Context, account, region, targetGroupARN string) (bool, error)
}

// TargetHealth reports the targets a target group finds unhealthy, for
// groups whose HealthCheckType is ELB.
type TargetHealth interface {
	Unhealthy(ctx context.Context, account, region, targetGroupARN string, instanceIDs []string) ([]string, error)
}

// TemplateRef names a launch template version.
type TemplateRef struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	// Version is "", "$Default", "$Latest" or a version number.
	Version string `json:"version,omitempty"`
}

// LaunchTemplate is a resolved launch template version.
type LaunchTemplate struct {
	ID, Name string
	Version  int64
}

// Subnet is what the service needs to know of a subnet.
type Subnet struct {
	ID, AvailabilityZone, VpcID string
}

// Tag is an EC2 tag.
type Tag struct{ Key, Value string }

// LaunchSpec is one instance to launch.
type LaunchSpec struct {
	// ClientToken makes the launch idempotent.
	ClientToken string
	// LaunchTemplate names the template and a version number.
	LaunchTemplate TemplateRef
	// InstanceType overrides the template's ("" keeps it), from a mixed
	// instances policy.
	InstanceType string
	// SubnetID is where to launch; "" (a group with zones and no
	// subnets) means the default subnet of AvailabilityZone.
	SubnetID         string
	AvailabilityZone string
	// Tags are the group's tags that propagate at launch, and
	// aws:autoscaling:groupName, sorted by key.
	Tags []Tag
}

// EC2 instance states.
const (
	EC2Pending      = "pending"
	EC2Running      = "running"
	EC2ShuttingDown = "shutting-down"
	EC2Terminated   = "terminated"
	EC2Stopping     = "stopping"
	EC2Stopped      = "stopped"
)

// Instance is an EC2 instance as the service sees it.
type Instance struct {
	ID               string
	State            string // EC2Pending, EC2Running, ...
	AvailabilityZone string
	SubnetID         string
	VpcID            string
	InstanceType     string
	ImageID          string
	// LaunchTemplate is the template and version number it was launched
	// from, zero when none.
	LaunchTemplate TemplateRef
	LaunchTime     time.Time
	// Impaired: the instance fails its EC2 status checks.
	Impaired bool
}

// errNotWired is what the service answers without EC2 behind it.
var errNotWired = errors.New("autoscaling: EC2 is not available to Auto Scaling")

// noEC2 is the EC2 of a service built without one: nothing exists and
// nothing launches.
type noEC2 struct{}

func (noEC2) Launch(context.Context, string, string, LaunchSpec) (Instance, error) {
	return Instance{}, errNotWired
}
func (noEC2) Terminate(context.Context, string, string, []string) error { return nil }
func (noEC2) Instances(context.Context, string, string, []string) ([]Instance, error) {
	return nil, nil
}
func (noEC2) LaunchTemplate(context.Context, string, string, TemplateRef) (LaunchTemplate, bool, error) {
	return LaunchTemplate{}, false, nil
}
func (noEC2) Subnets(context.Context, string, string, []string) ([]Subnet, error) { return nil, nil }

// noTargetGroups knows no target group.
type noTargetGroups struct{}

func (noTargetGroups) Register(context.Context, string, string, string, []string) error   { return nil }
func (noTargetGroups) Deregister(context.Context, string, string, string, []string) error { return nil }
func (noTargetGroups) Exists(context.Context, string, string, string) (bool, error) {
	return false, nil
}
