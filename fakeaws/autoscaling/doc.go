// Package autoscaling emulates Amazon EC2 Auto Scaling over the query
// protocol, and behaves like it: a reconciler keeps every group at its
// desired capacity on the clock.
//
// State lives in the store under account, region, "autoscaling", kind:
// groups (a group holds its instances, lifecycle hooks, tags and pending
// launches), an index of instance IDs to group names, scaling activities
// and instance refreshes. _global/autoscaling/scopes lists the
// account/region pairs that have groups, for the reconciler.
//
// Reconcile is one round of the reconciler; Start runs rounds on the clock
// (every Config.Interval, and at once after a request that changes what a
// group wants). In a round, for each group, the reconciler:
//
//   - launches instances while Pending plus InService instances fall short
//     of the desired capacity (unless Launch is suspended), in the zone with
//     the fewest instances among the group's subnets, ties going to the
//     first zone by name, from the group's launch template version, tagged
//     with the tags that propagate at launch and aws:autoscaling:groupName;
//   - moves instances Pending → (Pending:Wait while launch lifecycle hooks
//     wait for CompleteLifecycleAction or their heartbeat timeout, then the
//     hook's default result) → InService once EC2 reports them running and
//     they are registered with the group's target groups;
//   - terminates instances above the desired capacity, chosen by the
//     termination policies (Default: the zone with the most instances, then
//     the oldest launch template version, then the oldest instance),
//     deregistering them first, through Terminating → (Terminating:Wait
//     with termination hooks) → Terminated;
//   - marks Unhealthy the instances EC2 reports terminated, stopped or
//     impaired (and, with HealthCheckType ELB, those a target group reports
//     unhealthy), after the grace period for impairments, and replaces
//     Unhealthy instances unless HealthCheck or ReplaceUnhealthy is
//     suspended;
//   - advances the group's instance refresh: replaces the instances whose
//     launch template version differs from the wanted one (all of them
//     without SkipMatching), keeping MinHealthyPercentage of the desired
//     capacity InService and warmed up, launching replacements first when
//     the group's MaxSize (and MaxHealthyPercentage) leaves room, else
//     terminating first;
//   - records a scaling activity for every launch, termination, attachment
//     and detachment, with AWS's descriptions and causes.
//
// EC2 and ELBv2 are reached through the small interfaces of Config (Fleet,
// Lookup, TargetGroups, TargetHealth), always outside store transactions.
// Every decision is recorded in the store before it is acted on, and every
// action is idempotent (launches carry a client token), so a round cut
// short by a crash re-converges on the next one.
//
// Not emulated: launch configurations, warm pools, scaling policies and
// scheduled actions, Standby, AZRebalance, spot, and classic load
// balancers.
package autoscaling
