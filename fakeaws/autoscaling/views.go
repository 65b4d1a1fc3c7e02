package autoscaling

import (
	"time"
)

// resourceTypeGroup is the ResourceType of every Auto Scaling tag.
const resourceTypeGroup = "auto-scaling-group"

func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

func xTemplateOf(ref *TemplateRef) *xTemplate {
	if ref == nil || ref.ID == "" && ref.Name == "" {
		return nil
	}
	return &xTemplate{LaunchTemplateID: ref.ID, LaunchTemplateName: ref.Name, Version: ref.Version}
}

func (g *group) view(withInstances bool) xGroup {
	x := xGroup{
		AutoScalingGroupName:             g.Name,
		AutoScalingGroupARN:              g.ARN,
		LaunchTemplate:                   xTemplateOf(g.Template),
		MinSize:                          g.Min,
		MaxSize:                          g.Max,
		DesiredCapacity:                  g.Desired,
		DefaultCooldown:                  g.DefaultCooldown,
		AvailabilityZones:                g.zones(),
		TargetGroupARNs:                  g.TargetGroupARNs,
		HealthCheckType:                  g.HealthCheckType,
		HealthCheckGracePeriod:           g.HealthCheckGrace,
		CreatedTime:                      isoTime(g.Created),
		VPCZoneIdentifier:                g.VPCZoneIdentifier,
		Status:                           g.Status,
		TerminationPolicies:              g.TerminationPolicies,
		NewInstancesProtectedFromScaleIn: g.NewProtected,
		ServiceLinkedRoleARN:             g.ServiceLinkedRole,
		CapacityRebalance:                g.CapacityRebalance,
		DefaultInstanceWarmup:            g.DefaultWarmup,
		Context:                          g.Context,
	}
	if g.MaxLifetime > 0 {
		n := g.MaxLifetime
		x.MaxInstanceLifetime = &n
	}
	if g.Mixed != nil {
		x.MixedInstancesPolicy = g.Mixed.view()
	}
	for _, arn := range g.TargetGroupARNs {
		x.TrafficSources = append(x.TrafficSources, xTrafficSource{Identifier: arn, Type: "elbv2"})
	}
	if withInstances {
		for _, in := range g.Instances {
			if in.State == stTerminated || in.State == stDetached {
				continue
			}
			x.Instances = append(x.Instances, xInstance{
				InstanceID:           in.ID,
				InstanceType:         in.InstanceType,
				AvailabilityZone:     in.AZ,
				LifecycleState:       in.State,
				HealthStatus:         in.Health,
				LaunchTemplate:       xTemplateOf(in.Template),
				ProtectedFromScaleIn: in.Protected,
			})
		}
	}
	for _, p := range g.Suspended {
		x.SuspendedProcesses = append(x.SuspendedProcesses, xSuspended{p.Name, p.Reason})
	}
	for _, m := range g.Metrics {
		x.EnabledMetrics = append(x.EnabledMetrics, xMetric{m.Name, m.Granularity})
	}
	for _, t := range g.Tags {
		x.Tags = append(x.Tags, t.view(g.Name))
	}
	return x
}

func (t tag) view(groupName string) xTag {
	return xTag{ResourceID: groupName, ResourceType: resourceTypeGroup, Key: t.Key, Value: t.Value, PropagateAtLaunch: t.Propagate}
}

func (m *mixedPolicy) view() *xMixed {
	x := &xMixed{}
	x.LaunchTemplate.LaunchTemplateSpecification = *xTemplateOf(&m.Template)
	for _, o := range m.Overrides {
		x.LaunchTemplate.Overrides = append(x.LaunchTemplate.Overrides, xOverride(o))
	}
	if d := m.Distribution; d != nil {
		x.InstancesDistribution = &xDistribution{
			OnDemandAllocationStrategy:          d.OnDemandAllocationStrategy,
			OnDemandBaseCapacity:                d.OnDemandBaseCapacity,
			OnDemandPercentageAboveBaseCapacity: d.OnDemandPercentageAboveBaseCapacity,
			SpotAllocationStrategy:              d.SpotAllocationStrategy,
			SpotInstancePools:                   d.SpotInstancePools,
			SpotMaxPrice:                        d.SpotMaxPrice,
		}
	}
	return x
}

func (in *instance) details(groupName string) xInstanceDetails {
	return xInstanceDetails{
		InstanceID:           in.ID,
		InstanceType:         in.InstanceType,
		AutoScalingGroupName: groupName,
		AvailabilityZone:     in.AZ,
		LifecycleState:       in.State,
		HealthStatus:         in.Health,
		LaunchTemplate:       xTemplateOf(in.Template),
		ProtectedFromScaleIn: in.Protected,
	}
}

func (a *activity) view() xActivity {
	return xActivity{
		ActivityID:           a.ID,
		AutoScalingGroupName: a.Group,
		AutoScalingGroupARN:  a.GroupARN,
		Description:          a.Description,
		Cause:                a.Cause,
		StartTime:            isoTime(a.Start),
		EndTime:              isoTime(a.End),
		StatusCode:           a.StatusCode,
		StatusMessage:        a.StatusMessage,
		Progress:             a.Progress,
		Details:              a.Details,
	}
}

func (h hook) view(groupName string) xHook {
	return xHook{
		LifecycleHookName:     h.Name,
		AutoScalingGroupName:  groupName,
		LifecycleTransition:   h.Transition,
		NotificationTargetARN: h.NotificationARN,
		RoleARN:               h.RoleARN,
		NotificationMetadata:  h.Metadata,
		HeartbeatTimeout:      h.HeartbeatTimeout,
		GlobalTimeout:         h.globalTimeout(),
		DefaultResult:         h.DefaultResult,
	}
}

func (rf *refresh) view() xRefresh {
	x := xRefresh{
		InstanceRefreshID:    rf.ID,
		AutoScalingGroupName: rf.Group,
		Status:               rf.Status,
		StatusReason:         rf.StatusReason,
		StartTime:            isoTime(rf.Start),
		EndTime:              isoTime(rf.End),
		PercentageComplete:   rf.Percent,
		InstancesToUpdate:    rf.ToUpdate,
		Strategy:             "Rolling",
		Preferences: xPrefs{
			MinHealthyPercentage:      rf.Prefs.MinHealthy,
			MaxHealthyPercentage:      rf.Prefs.MaxHealthy,
			InstanceWarmup:            rf.Prefs.Warmup,
			CheckpointPercentages:     rf.Prefs.Checkpoints,
			CheckpointDelay:           rf.Prefs.CheckDelay,
			SkipMatching:              rf.Prefs.SkipMatching,
			AutoRollback:              rf.Prefs.AutoRollback,
			ScaleInProtectedInstances: rf.Prefs.ScaleInProt,
			StandbyInstances:          rf.Prefs.Standby,
		},
	}
	x.ProgressDetails.LivePoolProgress = xProgress{PercentageComplete: rf.Percent, InstancesToUpdate: rf.ToUpdate}
	if rf.Desired != nil {
		x.DesiredConfiguration = &struct {
			LaunchTemplate xTemplate `xml:"LaunchTemplate"`
		}{*xTemplateOf(rf.Desired)}
	}
	return x
}
