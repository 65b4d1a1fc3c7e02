package autoscaling

import "github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"

// actions is the table of the operations served.
func (s *Service) actions() map[string]awsapi.ActionFunc {
	return map[string]awsapi.ActionFunc{
		"CreateAutoScalingGroup":              s.createAutoScalingGroup,
		"UpdateAutoScalingGroup":              s.updateAutoScalingGroup,
		"DeleteAutoScalingGroup":              s.deleteAutoScalingGroup,
		"DescribeAutoScalingGroups":           s.describeAutoScalingGroups,
		"DescribeAutoScalingInstances":        s.describeAutoScalingInstances,
		"SetDesiredCapacity":                  s.setDesiredCapacity,
		"TerminateInstanceInAutoScalingGroup": s.terminateInstanceInAutoScalingGroup,
		"AttachInstances":                     s.attachInstances,
		"DetachInstances":                     s.detachInstances,
		"SetInstanceHealth":                   s.setInstanceHealth,
		"SetInstanceProtection":               s.setInstanceProtection,
		"AttachLoadBalancerTargetGroups":      s.attachLoadBalancerTargetGroups,
		"DetachLoadBalancerTargetGroups":      s.detachLoadBalancerTargetGroups,
		"CreateOrUpdateTags":                  s.createOrUpdateTags,
		"DeleteTags":                          s.deleteTags,
		"DescribeTags":                        s.describeTags,
		"SuspendProcesses":                    s.suspendProcesses,
		"ResumeProcesses":                     s.resumeProcesses,
		"EnableMetricsCollection":             s.enableMetricsCollection,
		"DisableMetricsCollection":            s.disableMetricsCollection,
		"PutLifecycleHook":                    s.putLifecycleHook,
		"DescribeLifecycleHooks":              s.describeLifecycleHooks,
		"DeleteLifecycleHook":                 s.deleteLifecycleHook,
		"CompleteLifecycleAction":             s.completeLifecycleAction,
		"RecordLifecycleActionHeartbeat":      s.recordLifecycleActionHeartbeat,
		"DescribeLifecycleHookTypes":          s.describeLifecycleHookTypes,
		"DescribeScalingActivities":           s.describeScalingActivities,
		"StartInstanceRefresh":                s.startInstanceRefresh,
		"DescribeInstanceRefreshes":           s.describeInstanceRefreshes,
		"CancelInstanceRefresh":               s.cancelInstanceRefresh,
		"DescribeAccountLimits":               s.describeAccountLimits,
		"DescribeScalingProcessTypes":         s.describeScalingProcessTypes,
		"DescribeTerminationPolicyTypes":      s.describeTerminationPolicyTypes,
		"DescribeMetricCollectionTypes":       s.describeMetricCollectionTypes,
	}
}
