package autoscaling

import (
	"math"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// groupInput is what CreateAutoScalingGroup and UpdateAutoScalingGroup
// share; pointers and flags tell what was sent.
type groupInput struct {
	name                      string
	min, max, desired         *int
	template                  *TemplateRef
	mixed                     *mixedPolicy
	launchConfig, instanceID  string
	cooldown, grace           *int
	zones                     []string
	zoneIdentifier            *string
	healthCheckType           string
	terminationPolicies       []string
	newProtected, rebalance   *bool
	defaultWarmup, lifetime   *int
	serviceLinkedRole, ctxTag string
}

// Termination policies.
var terminationPolicies = []string{"Default", "AllocationStrategy", "OldestLaunchTemplate", "OldestLaunchConfiguration", "OldestInstance", "NewestInstance", "ClosestToNextInstanceHour"}

var healthCheckTypes = []string{"EC2", "ELB", "VPC_LATTICE", "EBS"}

func readGroupInput(p awsapi.Params) (groupInput, error) {
	var in groupInput
	var err error
	if in.name, err = name(p, "AutoScalingGroupName"); err != nil {
		return in, err
	}
	for _, f := range []struct {
		field string
		dst   **int
		min   int
		max   int
	}{
		{"MinSize", &in.min, 0, math.MaxInt32},
		{"MaxSize", &in.max, 0, math.MaxInt32},
		{"DesiredCapacity", &in.desired, 0, math.MaxInt32},
		{"DefaultCooldown", &in.cooldown, 0, math.MaxInt32},
		{"HealthCheckGracePeriod", &in.grace, 0, math.MaxInt32},
		{"DefaultInstanceWarmup", &in.defaultWarmup, -1, math.MaxInt32},
		{"MaxInstanceLifetime", &in.lifetime, 0, math.MaxInt32},
	} {
		if *f.dst, err = intPtr(p, f.field, f.min, f.max); err != nil {
			return in, err
		}
	}
	if in.lifetime != nil && *in.lifetime != 0 && (*in.lifetime < 86400 || *in.lifetime > 31536000) {
		return in, invalid("The maximum instance lifetime must be 0, or between 86400 and 31536000 seconds.")
	}
	ref, ok, err := templateSpec(p, "LaunchTemplate")
	if err != nil {
		return in, err
	}
	if ok {
		in.template = &ref
	}
	if in.mixed, err = mixedParam(p); err != nil {
		return in, err
	}
	for _, ref := range []*TemplateRef{in.template, in.mixedTemplate()} {
		if ref != nil {
			if err := checkVersion(ref.Version); err != nil {
				return in, err
			}
		}
	}
	in.launchConfig, in.instanceID = p.Get("LaunchConfigurationName"), p.Get("InstanceId")
	in.zones = members(p, "AvailabilityZones")
	if p.Has("VPCZoneIdentifier") {
		v := p.Get("VPCZoneIdentifier")
		if err := checkText("VPCZoneIdentifier", v, 5000); err != nil {
			return in, err
		}
		in.zoneIdentifier = &v
	}
	if in.healthCheckType = p.Get("HealthCheckType"); in.healthCheckType != "" && !contains(healthCheckTypes, in.healthCheckType) {
		return in, invalid("Health check type %s is not valid. Valid types are EC2, ELB, VPC_LATTICE and EBS.", in.healthCheckType)
	}
	in.terminationPolicies = members(p, "TerminationPolicies")
	for _, tp := range in.terminationPolicies {
		if !contains(terminationPolicies, tp) {
			return in, invalid("Termination policy %s is not valid.", tp)
		}
	}
	for _, f := range []struct {
		field string
		dst   **bool
	}{{"NewInstancesProtectedFromScaleIn", &in.newProtected}, {"CapacityRebalance", &in.rebalance}} {
		if p.Get(f.field) != "" {
			b, err := p.Bool(f.field, false)
			if err != nil {
				return in, err
			}
			*f.dst = &b
		}
	}
	in.serviceLinkedRole, in.ctxTag = p.Get("ServiceLinkedRoleARN"), p.Get("Context")
	return in, nil
}

func (in *groupInput) mixedTemplate() *TemplateRef {
	if in.mixed == nil {
		return nil
	}
	return &in.mixed.Template
}

// launchSource is the template the input names, nil when none.
func (in *groupInput) launchSource() *TemplateRef {
	if in.template != nil {
		return in.template
	}
	return in.mixedTemplate()
}

// sources counts the launch sources sent.
func (in *groupInput) sources() int {
	n := 0
	for _, set := range []bool{in.template != nil, in.mixed != nil, in.launchConfig != "", in.instanceID != ""} {
		if set {
			n++
		}
	}
	return n
}

// apply sets the optional fields sent on g.
func (in *groupInput) apply(g *group) {
	if in.template != nil {
		g.Template, g.Mixed = in.template, nil
	}
	if in.mixed != nil {
		g.Mixed, g.Template = in.mixed, nil
	}
	if in.cooldown != nil {
		g.DefaultCooldown = *in.cooldown
	}
	if in.grace != nil {
		g.HealthCheckGrace = *in.grace
	}
	if in.healthCheckType != "" {
		g.HealthCheckType = in.healthCheckType
	}
	if len(in.terminationPolicies) > 0 {
		g.TerminationPolicies = in.terminationPolicies
	}
	if in.newProtected != nil {
		g.NewProtected = *in.newProtected
	}
	if in.rebalance != nil {
		g.CapacityRebalance = *in.rebalance
	}
	if in.defaultWarmup != nil {
		if *in.defaultWarmup < 0 {
			g.DefaultWarmup = nil
		} else {
			n := *in.defaultWarmup
			g.DefaultWarmup = &n
		}
	}
	if in.lifetime != nil {
		g.MaxLifetime = *in.lifetime
	}
	if in.ctxTag != "" {
		g.Context = in.ctxTag
	}
}
