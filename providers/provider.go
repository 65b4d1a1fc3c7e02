// Package providers declares what the cluster lifecycle needs from a cloud:
// the Provider interface and the types it speaks (Plan, Change, Resource,
// InstanceGroupStatus). providers/aws implements it for AWS and the
// sandbox alike.
package providers

import (
	"context"
	"time"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// Provider is a cloud as the lifecycle sees it.
type Provider interface {
	// Plan compares the cloud with what spec needs, changing nothing.
	Plan(ctx context.Context, spec *Spec) (*Plan, error)
	// Apply makes the cloud match spec and returns what it changed.
	// It is idempotent: after an interruption, applying again finishes
	// the job.
	Apply(ctx context.Context, spec *Spec) (*Plan, error)
	// InstanceGroups reports the cloud side of each instance group of the
	// cluster: sizes, the launch-template version it launches, and its
	// instances with the version each was launched from.
	InstanceGroups(ctx context.Context, cluster string, groups []*api.InstanceGroup) ([]InstanceGroupStatus, error)
	// DetachInstance takes an instance out of its group; with decrement
	// false the group launches a replacement.
	DetachInstance(ctx context.Context, group *InstanceGroupStatus, instanceID string, decrement bool) error
	// TerminateInstance terminates an instance; its group replaces it.
	TerminateInstance(ctx context.Context, instanceID string) error
	// DeregisterInstance removes an instance from the load balancers'
	// target groups it is in.
	DeregisterInstance(ctx context.Context, instanceID string) error
	// FindResources lists every cloud resource that belongs to the cluster.
	FindResources(ctx context.Context, cluster string) ([]Resource, error)
	// DeleteResources deletes resources found by FindResources, in
	// dependency order.
	DeleteResources(ctx context.Context, resources []Resource) error
}

// Spec is what a cluster needs from the cloud: the Cluster, its instance
// groups, and what only the lifecycle knows.
type Spec struct {
	Cluster *api.Cluster
	Groups  []*api.InstanceGroup
	// SSHPublicKey is the admin's OpenSSH public key, if one is stored.
	SSHPublicKey []byte
	// UserData returns the user data of an instance group's machines,
	// given the DNS name at which they reach the Kubernetes API.
	UserData func(group *api.InstanceGroup, apiEndpoint string) ([]byte, error)
}

// Resource is a cloud resource that belongs to a cluster.
type Resource struct {
	Type string // e.g. "vpc", "autoscaling-group"
	Name string
	ID   string
	// Ref is the provider's own handle on the resource.
	Ref any
}

// InstanceGroupStatus is the cloud side of an instance group.
type InstanceGroupStatus struct {
	Name string // the instance group's name
	// CloudName is the cloud's name for the group (the ASG's name).
	CloudName                         string
	MinSize, MaxSize, DesiredCapacity int32
	// TemplateVersion is the launch-template version the group launches
	// ("lt-0abc:3").
	TemplateVersion string
	Instances       []Instance
}

// Instance is a machine of an instance group.
type Instance struct {
	ID    string
	State string // the cloud's lifecycle state, e.g. "InService"
	// TemplateVersion is the launch-template version the instance was
	// launched from, in InstanceGroupStatus.TemplateVersion's format.
	TemplateVersion string
	// Detached reports an instance left out of its group by a surge.
	Detached     bool
	PrivateIP    string
	MachineType  string
	Zone         string
	LaunchTime   time.Time
	HealthStatus string
}
