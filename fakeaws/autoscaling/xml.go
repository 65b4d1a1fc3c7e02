package autoscaling

// The wire shapes of results, as the SDK's deserializers read them: lists
// are <member> elements, timestamps ISO 8601.

type xTemplate struct {
	LaunchTemplateID   string `xml:"LaunchTemplateId,omitempty"`
	LaunchTemplateName string `xml:"LaunchTemplateName,omitempty"`
	Version            string `xml:"Version,omitempty"`
}

type xOverride struct {
	InstanceType     string `xml:"InstanceType,omitempty"`
	WeightedCapacity string `xml:"WeightedCapacity,omitempty"`
}

type xDistribution struct {
	OnDemandAllocationStrategy          string `xml:"OnDemandAllocationStrategy,omitempty"`
	OnDemandBaseCapacity                *int   `xml:"OnDemandBaseCapacity,omitempty"`
	OnDemandPercentageAboveBaseCapacity *int   `xml:"OnDemandPercentageAboveBaseCapacity,omitempty"`
	SpotAllocationStrategy              string `xml:"SpotAllocationStrategy,omitempty"`
	SpotInstancePools                   *int   `xml:"SpotInstancePools,omitempty"`
	SpotMaxPrice                        string `xml:"SpotMaxPrice,omitempty"`
}

type xMixed struct {
	LaunchTemplate struct {
		LaunchTemplateSpecification xTemplate   `xml:"LaunchTemplateSpecification"`
		Overrides                   []xOverride `xml:"Overrides>member,omitempty"`
	} `xml:"LaunchTemplate"`
	InstancesDistribution *xDistribution `xml:"InstancesDistribution,omitempty"`
}

type xInstance struct {
	InstanceID           string     `xml:"InstanceId"`
	InstanceType         string     `xml:"InstanceType,omitempty"`
	AvailabilityZone     string     `xml:"AvailabilityZone"`
	LifecycleState       string     `xml:"LifecycleState"`
	HealthStatus         string     `xml:"HealthStatus"`
	LaunchTemplate       *xTemplate `xml:"LaunchTemplate,omitempty"`
	ProtectedFromScaleIn bool       `xml:"ProtectedFromScaleIn"`
}

type xInstanceDetails struct {
	InstanceID           string     `xml:"InstanceId"`
	InstanceType         string     `xml:"InstanceType,omitempty"`
	AutoScalingGroupName string     `xml:"AutoScalingGroupName"`
	AvailabilityZone     string     `xml:"AvailabilityZone"`
	LifecycleState       string     `xml:"LifecycleState"`
	HealthStatus         string     `xml:"HealthStatus"`
	LaunchTemplate       *xTemplate `xml:"LaunchTemplate,omitempty"`
	ProtectedFromScaleIn bool       `xml:"ProtectedFromScaleIn"`
}

type xSuspended struct {
	ProcessName      string `xml:"ProcessName"`
	SuspensionReason string `xml:"SuspensionReason"`
}

type xMetric struct {
	Metric      string `xml:"Metric"`
	Granularity string `xml:"Granularity"`
}

type xTag struct {
	ResourceID        string `xml:"ResourceId"`
	ResourceType      string `xml:"ResourceType"`
	Key               string `xml:"Key"`
	Value             string `xml:"Value"`
	PropagateAtLaunch bool   `xml:"PropagateAtLaunch"`
}

type xTrafficSource struct {
	Identifier string `xml:"Identifier"`
	Type       string `xml:"Type"`
}

type xGroup struct {
	AutoScalingGroupName             string           `xml:"AutoScalingGroupName"`
	AutoScalingGroupARN              string           `xml:"AutoScalingGroupARN"`
	LaunchTemplate                   *xTemplate       `xml:"LaunchTemplate,omitempty"`
	MixedInstancesPolicy             *xMixed          `xml:"MixedInstancesPolicy,omitempty"`
	MinSize                          int              `xml:"MinSize"`
	MaxSize                          int              `xml:"MaxSize"`
	DesiredCapacity                  int              `xml:"DesiredCapacity"`
	DefaultCooldown                  int              `xml:"DefaultCooldown"`
	AvailabilityZones                []string         `xml:"AvailabilityZones>member"`
	LoadBalancerNames                []string         `xml:"LoadBalancerNames>member"`
	TargetGroupARNs                  []string         `xml:"TargetGroupARNs>member"`
	HealthCheckType                  string           `xml:"HealthCheckType"`
	HealthCheckGracePeriod           int              `xml:"HealthCheckGracePeriod"`
	Instances                        []xInstance      `xml:"Instances>member"`
	CreatedTime                      string           `xml:"CreatedTime"`
	SuspendedProcesses               []xSuspended     `xml:"SuspendedProcesses>member"`
	VPCZoneIdentifier                string           `xml:"VPCZoneIdentifier,omitempty"`
	EnabledMetrics                   []xMetric        `xml:"EnabledMetrics>member"`
	Status                           string           `xml:"Status,omitempty"`
	Tags                             []xTag           `xml:"Tags>member"`
	TerminationPolicies              []string         `xml:"TerminationPolicies>member"`
	NewInstancesProtectedFromScaleIn bool             `xml:"NewInstancesProtectedFromScaleIn"`
	ServiceLinkedRoleARN             string           `xml:"ServiceLinkedRoleARN"`
	MaxInstanceLifetime              *int             `xml:"MaxInstanceLifetime,omitempty"`
	CapacityRebalance                bool             `xml:"CapacityRebalance"`
	DefaultInstanceWarmup            *int             `xml:"DefaultInstanceWarmup,omitempty"`
	Context                          string           `xml:"Context,omitempty"`
	TrafficSources                   []xTrafficSource `xml:"TrafficSources>member"`
}

type xActivity struct {
	ActivityID           string `xml:"ActivityId"`
	AutoScalingGroupName string `xml:"AutoScalingGroupName"`
	AutoScalingGroupARN  string `xml:"AutoScalingGroupARN,omitempty"`
	Description          string `xml:"Description"`
	Cause                string `xml:"Cause"`
	StartTime            string `xml:"StartTime"`
	EndTime              string `xml:"EndTime,omitempty"`
	StatusCode           string `xml:"StatusCode"`
	StatusMessage        string `xml:"StatusMessage,omitempty"`
	Progress             int    `xml:"Progress"`
	Details              string `xml:"Details,omitempty"`
}

type xHook struct {
	LifecycleHookName     string `xml:"LifecycleHookName"`
	AutoScalingGroupName  string `xml:"AutoScalingGroupName"`
	LifecycleTransition   string `xml:"LifecycleTransition"`
	NotificationTargetARN string `xml:"NotificationTargetARN,omitempty"`
	RoleARN               string `xml:"RoleARN,omitempty"`
	NotificationMetadata  string `xml:"NotificationMetadata,omitempty"`
	HeartbeatTimeout      int    `xml:"HeartbeatTimeout"`
	GlobalTimeout         int    `xml:"GlobalTimeout"`
	DefaultResult         string `xml:"DefaultResult"`
}

type xPrefs struct {
	MinHealthyPercentage      int    `xml:"MinHealthyPercentage"`
	MaxHealthyPercentage      *int   `xml:"MaxHealthyPercentage,omitempty"`
	InstanceWarmup            *int   `xml:"InstanceWarmup,omitempty"`
	CheckpointPercentages     []int  `xml:"CheckpointPercentages>member,omitempty"`
	CheckpointDelay           *int   `xml:"CheckpointDelay,omitempty"`
	SkipMatching              bool   `xml:"SkipMatching"`
	AutoRollback              bool   `xml:"AutoRollback"`
	ScaleInProtectedInstances string `xml:"ScaleInProtectedInstances,omitempty"`
	StandbyInstances          string `xml:"StandbyInstances,omitempty"`
}

type xProgress struct {
	PercentageComplete int `xml:"PercentageComplete"`
	InstancesToUpdate  int `xml:"InstancesToUpdate"`
}

type xRefresh struct {
	InstanceRefreshID    string `xml:"InstanceRefreshId"`
	AutoScalingGroupName string `xml:"AutoScalingGroupName"`
	Status               string `xml:"Status"`
	StatusReason         string `xml:"StatusReason,omitempty"`
	StartTime            string `xml:"StartTime,omitempty"`
	EndTime              string `xml:"EndTime,omitempty"`
	PercentageComplete   int    `xml:"PercentageComplete"`
	InstancesToUpdate    int    `xml:"InstancesToUpdate"`
	ProgressDetails      struct {
		LivePoolProgress xProgress `xml:"LivePoolProgress"`
	} `xml:"ProgressDetails"`
	Preferences          xPrefs `xml:"Preferences"`
	DesiredConfiguration *struct {
		LaunchTemplate xTemplate `xml:"LaunchTemplate"`
	} `xml:"DesiredConfiguration,omitempty"`
	Strategy string `xml:"Strategy"`
}
