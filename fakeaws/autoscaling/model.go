package autoscaling

import (
	"time"
)

// Lifecycle states of an instance in a group.
const (
	stPending            = "Pending"
	stPendingWait        = "Pending:Wait"
	stPendingProceed     = "Pending:Proceed"
	stInService          = "InService"
	stTerminating        = "Terminating"
	stTerminatingWait    = "Terminating:Wait"
	stTerminatingProceed = "Terminating:Proceed"
	stTerminated         = "Terminated"
	stDetaching          = "Detaching"
	stDetached           = "Detached"
)

// Health statuses.
const (
	healthy   = "Healthy"
	unhealthy = "Unhealthy"
)

// statusDeleting is the Status of a group being force-deleted.
const statusDeleting = "Delete in progress"

// group is an Auto Scaling group with everything it holds.
type group struct {
	Name    string    `json:"name"`
	ARN     string    `json:"arn"`
	Created time.Time `json:"created"`

	Template *TemplateRef `json:"template,omitempty"`
	Mixed    *mixedPolicy `json:"mixed,omitempty"`

	Min     int `json:"min"`
	Max     int `json:"max"`
	Desired int `json:"desired"`

	DefaultCooldown     int      `json:"cooldown"`
	AvailabilityZones   []string `json:"azs,omitempty"`
	VPCZoneIdentifier   string   `json:"vpcZoneIdentifier,omitempty"`
	Subnets             []subnet `json:"subnets,omitempty"`
	VpcID               string   `json:"vpcId,omitempty"`
	TargetGroupARNs     []string `json:"targetGroups,omitempty"`
	HealthCheckType     string   `json:"healthCheckType"`
	HealthCheckGrace    int      `json:"grace"`
	TerminationPolicies []string `json:"terminationPolicies,omitempty"`
	NewProtected        bool     `json:"newProtected,omitempty"`
	DefaultWarmup       *int     `json:"defaultWarmup,omitempty"`
	MaxLifetime         int      `json:"maxLifetime,omitempty"`
	CapacityRebalance   bool     `json:"capacityRebalance,omitempty"`
	ServiceLinkedRole   string   `json:"serviceLinkedRole"`
	Context             string   `json:"context,omitempty"`

	Tags      []tag       `json:"tags,omitempty"`
	Suspended []suspended `json:"suspended,omitempty"`
	Metrics   []metric    `json:"metrics,omitempty"`
	Hooks     []hook      `json:"hooks,omitempty"`

	Instances []*instance     `json:"instances,omitempty"`
	Launches  []*launchIntent `json:"launches,omitempty"`

	// Status is "" or statusDeleting.
	Status string `json:"status,omitempty"`
	// DesiredCause is why the desired capacity last changed, the start of
	// the cause of the activities that follow from it.
	DesiredCause string `json:"desiredCause,omitempty"`
	// LaunchFailures counts launches failed in a row; no launch is tried
	// before RetryAt.
	LaunchFailures int       `json:"launchFailures,omitempty"`
	RetryAt        time.Time `json:"retryAt,omitzero"`
	// Refresh is the ID of the instance refresh that is not finished.
	Refresh string `json:"refresh,omitempty"`

	ActivitySeq int64 `json:"activitySeq"`
	RefreshSeq  int64 `json:"refreshSeq"`
}

type subnet struct {
	ID string `json:"id"`
	AZ string `json:"az"`
}

type mixedPolicy struct {
	Template     TemplateRef   `json:"template"`
	Overrides    []override    `json:"overrides,omitempty"`
	Distribution *distribution `json:"distribution,omitempty"`
}

type override struct {
	InstanceType     string `json:"instanceType,omitempty"`
	WeightedCapacity string `json:"weightedCapacity,omitempty"`
}

type distribution struct {
	OnDemandAllocationStrategy          string `json:"onDemandAllocationStrategy,omitempty"`
	OnDemandBaseCapacity                *int   `json:"onDemandBaseCapacity,omitempty"`
	OnDemandPercentageAboveBaseCapacity *int   `json:"onDemandPercentage,omitempty"`
	SpotAllocationStrategy              string `json:"spotAllocationStrategy,omitempty"`
	SpotInstancePools                   *int   `json:"spotInstancePools,omitempty"`
	SpotMaxPrice                        string `json:"spotMaxPrice,omitempty"`
}

type tag struct {
	Key       string `json:"k"`
	Value     string `json:"v"`
	Propagate bool   `json:"p,omitempty"`
}

type suspended struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

type metric struct {
	Name        string `json:"name"`
	Granularity string `json:"granularity"`
}

// hook is a lifecycle hook.
type hook struct {
	Name             string `json:"name"`
	Transition       string `json:"transition"`
	DefaultResult    string `json:"defaultResult"`
	HeartbeatTimeout int    `json:"heartbeatTimeout"`
	NotificationARN  string `json:"notificationArn,omitempty"`
	RoleARN          string `json:"roleArn,omitempty"`
	Metadata         string `json:"metadata,omitempty"`
}

// Lifecycle transitions and results.
const (
	transitionLaunching   = "autoscaling:EC2_INSTANCE_LAUNCHING"
	transitionTerminating = "autoscaling:EC2_INSTANCE_TERMINATING"
	resultContinue        = "CONTINUE"
	resultAbandon         = "ABANDON"
)

// action is an instance's wait on one lifecycle hook.
type action struct {
	Hook           string    `json:"hook"`
	Token          string    `json:"token"`
	Deadline       time.Time `json:"deadline"`
	GlobalDeadline time.Time `json:"globalDeadline"`
	// Result is "" while the action waits.
	Result string `json:"result,omitempty"`
}

// instance is an instance of a group.
type instance struct {
	ID           string       `json:"id"`
	AZ           string       `json:"az"`
	SubnetID     string       `json:"subnet,omitempty"`
	InstanceType string       `json:"type,omitempty"`
	Template     *TemplateRef `json:"template,omitempty"`
	State        string       `json:"state"`
	Health       string       `json:"health"`
	// HealthCause says why the instance is Unhealthy, for the cause of
	// its termination.
	HealthCause string    `json:"healthCause,omitempty"`
	Protected   bool      `json:"protected,omitempty"`
	LaunchedAt  time.Time `json:"launchedAt"`
	InServiceAt time.Time `json:"inServiceAt,omitzero"`
	// Actions are the lifecycle actions of the current Wait state.
	Actions []action `json:"actions,omitempty"`
	// Registered lists the target groups the instance is registered with.
	Registered []string `json:"registered,omitempty"`
	// TerminateSent: EC2 was asked to terminate the instance.
	TerminateSent bool `json:"terminateSent,omitempty"`
	// HooksDone: the launch hooks have let the instance proceed.
	HooksDone bool `json:"hooksDone,omitempty"`
	// SkipHooks: terminate without termination hooks (force delete, or an
	// instance that never got into service).
	SkipHooks bool `json:"skipHooks,omitempty"`
	// Activity is the store key of the activity of the current transition.
	Activity string `json:"activity,omitempty"`
}

// launchIntent is a launch decided and not yet known to have happened.
type launchIntent struct {
	Token        string      `json:"token"`
	SubnetID     string      `json:"subnet,omitempty"`
	AZ           string      `json:"az"`
	Template     TemplateRef `json:"template"`
	InstanceType string      `json:"type,omitempty"`
	Cause        string      `json:"cause"`
	At           time.Time   `json:"at"`
}

// counts reports whether an instance in this state counts toward the
// group's capacity.
func counts(state string) bool {
	switch state {
	case stPending, stPendingWait, stPendingProceed, stInService:
		return true
	}
	return false
}

func pending(state string) bool {
	return state == stPending || state == stPendingWait || state == stPendingProceed
}

func terminating(state string) bool {
	return state == stTerminating || state == stTerminatingWait || state == stTerminatingProceed
}

// capacity is the number of instances that count toward the desired
// capacity, launches under way included.
func (g *group) capacity() int {
	n := len(g.Launches)
	for _, in := range g.Instances {
		if counts(in.State) {
			n++
		}
	}
	return n
}

func (g *group) instance(id string) *instance {
	for _, in := range g.Instances {
		if in.ID == id {
			return in
		}
	}
	return nil
}

func (g *group) suspended(process string) bool {
	for _, p := range g.Suspended {
		if p.Name == process {
			return true
		}
	}
	return false
}

// template is the launch template the group launches from.
func (g *group) template() TemplateRef {
	if g.Template != nil {
		return *g.Template
	}
	if g.Mixed != nil {
		return g.Mixed.Template
	}
	return TemplateRef{}
}

// instanceType is the instance type override of the group's mixed
// instances policy, "" for the template's.
func (g *group) instanceType() string {
	if g.Mixed != nil && len(g.Mixed.Overrides) > 0 {
		return g.Mixed.Overrides[0].InstanceType
	}
	return ""
}

// zones are the group's availability zones, sorted.
func (g *group) zones() []string {
	seen := map[string]bool{}
	var out []string
	for _, sn := range g.Subnets {
		if !seen[sn.AZ] {
			seen[sn.AZ] = true
			out = append(out, sn.AZ)
		}
	}
	if len(g.Subnets) == 0 {
		for _, az := range g.AvailabilityZones {
			if !seen[az] {
				seen[az] = true
				out = append(out, az)
			}
		}
	}
	sortStrings(out)
	return out
}

// hooksFor lists the group's hooks of a transition.
func (g *group) hooksFor(transition string) []hook {
	var out []hook
	for _, h := range g.Hooks {
		if h.Transition == transition {
			out = append(out, h)
		}
	}
	return out
}

func (g *group) hook(name string) (hook, bool) {
	for _, h := range g.Hooks {
		if h.Name == name {
			return h, true
		}
	}
	return hook{}, false
}
