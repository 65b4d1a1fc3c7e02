package aws

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/providers"
	"github.com/drydock-sandbox/drydock/providers/aws/pricing"
)

// Options tune a Provider.
type Options struct {
	// Parallel is how many tasks run at once (default 16).
	Parallel int
	// AfterTask, when set, is called after each task has been found (and
	// applied), with its kind and name. Tests use it to interrupt an
	// apply between tasks.
	AfterTask func(kind, name string)
	// Delete tunes DeleteResources.
	Delete DeleteOptions
}

// Provider is the AWS driver: a providers.Provider on aws-sdk-go-v2.
type Provider struct {
	c    *Clients
	opts Options
}

var _ providers.Provider = (*Provider)(nil)

// New returns the driver for the clients' account and region.
func New(c *Clients, opts Options) *Provider {
	if opts.Parallel <= 0 {
		opts.Parallel = 16
	}
	return &Provider{c: c, opts: opts}
}

// Clients returns the provider's AWS clients.
func (p *Provider) Clients() *Clients { return p.c }

// Account returns the AWS account ID the provider acts in (STS
// GetCallerIdentity).
func (p *Provider) Account(ctx context.Context) (string, error) {
	out, err := p.c.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.Account), nil
}

// Region returns the region the provider acts in.
func (p *Provider) Region() string { return p.c.Region }

func (p *Provider) model(spec *providers.Spec) (*model, error) {
	m, err := buildModel(spec)
	if err != nil {
		return nil, err
	}
	if p.c.Region != "" && m.region != p.c.Region {
		return nil, fmt.Errorf("cluster %s is in region %s, but the AWS configuration names %s (set AWS_REGION=%s)",
			m.cluster, m.region, p.c.Region, m.region)
	}
	return m, nil
}

// Plan implements providers.Provider.
func (p *Provider) Plan(ctx context.Context, spec *providers.Spec) (*providers.Plan, error) {
	return p.run(ctx, spec, false)
}

// Apply implements providers.Provider.
func (p *Provider) Apply(ctx context.Context, spec *providers.Spec) (*providers.Plan, error) {
	return p.run(ctx, spec, true)
}

func (p *Provider) run(ctx context.Context, spec *providers.Spec, apply bool) (*providers.Plan, error) {
	m, err := p.model(spec)
	if err != nil {
		return nil, err
	}
	var hook func(task)
	if p.opts.AfterTask != nil {
		hook = func(t task) { p.opts.AfterTask(t.kind(), t.name()) }
	}
	changes, err := run(ctx, p.c, m.tasks, apply, p.opts.Parallel, hook)
	plan := &providers.Plan{Changes: changes}
	if err != nil {
		return plan, err
	}
	plan.Cost = estimate(m, plan)
	return plan, nil
}

// estimate prices what the plan creates.
func estimate(m *model, plan *providers.Plan) *providers.Cost {
	byKey := map[string]task{}
	for _, t := range m.tasks {
		byKey[taskKey(t)] = t
	}
	type key struct {
		kind          pricing.Kind
		instance, vol string
		size          int
	}
	counts := map[key]int{}
	add := func(k key, n int) {
		if n > 0 {
			counts[k] += n
		}
	}
	for _, ch := range plan.Creates() {
		switch t := byKey[ch.Kind+"/"+ch.Name].(type) {
		case *autoscalingGroupTask:
			n := int(t.MinSize)
			add(key{kind: pricing.Instance, instance: t.Template.InstanceType}, n)
			add(key{kind: pricing.Volume, vol: t.Template.RootVolumeType, size: int(t.Template.RootVolumeSize)}, n)
			if t.Template.AssociatePublicIP {
				add(key{kind: pricing.PublicIPv4}, n)
			}
		case *ebsVolumeTask:
			add(key{kind: pricing.Volume, vol: t.VolumeType, size: int(t.SizeGiB)}, 1)
		case *nlbTask:
			add(key{kind: pricing.LoadBalancer}, 1)
			if !t.Internal {
				add(key{kind: pricing.PublicIPv4}, len(t.Subnets))
			}
		case *natGatewayTask:
			add(key{kind: pricing.NATGateway}, 1)
		case *elasticIPTask:
			add(key{kind: pricing.PublicIPv4}, 1)
		case *dnsZoneTask:
			add(key{kind: pricing.HostedZone}, 1)
		}
	}
	if len(counts) == 0 {
		return nil
	}
	keys := slices.SortedFunc(maps.Keys(counts), func(a, b key) int {
		return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
	})
	var items []pricing.Item
	for _, k := range keys {
		items = append(items, pricing.Item{Kind: k.kind, Region: m.region, InstanceType: k.instance, VolumeType: k.vol, SizeGiB: k.size, Count: counts[k]})
	}
	c, err := pricing.Estimate(items)
	if err != nil {
		return &providers.Cost{Unpriced: err.Error()}
	}
	out := &providers.Cost{Hourly: c.Hourly, Monthly: c.Monthly,
		Basis: fmt.Sprintf("on-demand, %s, prices as of %s", m.region, c.AsOf)}
	for _, l := range c.Lines {
		out.Lines = append(out.Lines, providers.CostLine{Description: l.Description, Hourly: l.Hourly, Monthly: l.Monthly})
	}
	return out
}

// asgName is the ASG of an instance group.
func asgName(cluster string, ig *api.InstanceGroup) string {
	if ig.IsControlPlane() || ig.Spec.Role == api.RoleAPIServer {
		return ig.Name() + ".masters." + cluster
	}
	return ig.Name() + "." + cluster
}

// InstanceGroups implements providers.Provider. A group without an ASG
// (not applied yet) is reported with no CloudName.
func (p *Provider) InstanceGroups(ctx context.Context, cluster string, groups []*api.InstanceGroup) ([]providers.InstanceGroupStatus, error) {
	byName := map[string]*api.InstanceGroup{}
	var names []string
	for _, ig := range groups {
		n := asgName(cluster, ig)
		byName[n] = ig
		names = append(names, n)
	}
	found := map[string]astypes.AutoScalingGroup{}
	for batch := range slices.Chunk(names, 50) {
		pg := autoscaling.NewDescribeAutoScalingGroupsPaginator(p.c.AutoScaling, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: batch})
		for pg.HasMorePages() {
			out, err := pg.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, g := range out.AutoScalingGroups {
				found[aws.ToString(g.AutoScalingGroupName)] = g
			}
		}
	}
	// The launch templates' latest versions, which "$Latest" means.
	latest := map[string]string{}
	detached, err := p.detachedInstances(ctx, cluster)
	if err != nil {
		return nil, err
	}
	var out []providers.InstanceGroupStatus
	for _, n := range names {
		ig := byName[n]
		st := providers.InstanceGroupStatus{Name: ig.Name()}
		g, ok := found[n]
		if !ok {
			out = append(out, st)
			continue
		}
		st.CloudName = n
		st.MinSize, st.MaxSize, st.DesiredCapacity = aws.ToInt32(g.MinSize), aws.ToInt32(g.MaxSize), aws.ToInt32(g.DesiredCapacity)
		if lt := g.LaunchTemplate; lt != nil {
			v, err := p.resolveVersion(ctx, latest, aws.ToString(lt.LaunchTemplateId), aws.ToString(lt.Version))
			if err != nil {
				return nil, err
			}
			st.TemplateVersion = v
		}
		for _, i := range g.Instances {
			in := providers.Instance{ID: aws.ToString(i.InstanceId), State: string(i.LifecycleState),
				MachineType: aws.ToString(i.InstanceType), Zone: aws.ToString(i.AvailabilityZone), HealthStatus: aws.ToString(i.HealthStatus)}
			if lt := i.LaunchTemplate; lt != nil {
				in.TemplateVersion = aws.ToString(lt.LaunchTemplateId) + ":" + aws.ToString(lt.Version)
			}
			st.Instances = append(st.Instances, in)
		}
		st.Instances = append(st.Instances, detached[ig.Name()]...)
		out = append(out, st)
	}
	return out, nil
}

// resolveVersion turns "$Latest"/"$Default" into a version number.
func (p *Provider) resolveVersion(ctx context.Context, cache map[string]string, id, version string) (string, error) {
	if version != "$Latest" && version != "$Default" {
		return id + ":" + version, nil
	}
	if v, ok := cache[id+version]; ok {
		return v, nil
	}
	out, err := p.c.EC2.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{LaunchTemplateIds: []string{id}})
	if err != nil {
		return "", err
	}
	if len(out.LaunchTemplates) == 0 {
		return "", fmt.Errorf("launch template %s not found", id)
	}
	lt := out.LaunchTemplates[0]
	n := aws.ToInt64(lt.LatestVersionNumber)
	if version == "$Default" {
		n = aws.ToInt64(lt.DefaultVersionNumber)
	}
	v := fmt.Sprintf("%s:%d", id, n)
	cache[id+version] = v
	return v, nil
}

// detachedInstances are the running instances of the cluster tagged
// kops.k8s.io/detached-from-asg, by instance group.
func (p *Provider) detachedInstances(ctx context.Context, cluster string) (map[string][]providers.Instance, error) {
	out := map[string][]providers.Instance{}
	pg := ec2.NewDescribeInstancesPaginator(p.c.EC2, &ec2.DescribeInstancesInput{Filters: []ec2types.Filter{
		filter("tag:"+TagCluster, cluster), filter("tag-key", TagDetached),
		filter("instance-state-name", "pending", "running", "stopping", "stopped"),
	}})
	for pg.HasMorePages() {
		page, err := pg.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range page.Reservations {
			for _, i := range r.Instances {
				tags := tagMap(i.Tags)
				in := providers.Instance{ID: aws.ToString(i.InstanceId), State: string(i.State.Name), Detached: true,
					PrivateIP: aws.ToString(i.PrivateIpAddress), MachineType: string(i.InstanceType), LaunchTime: aws.ToTime(i.LaunchTime)}
				if i.Placement != nil {
					in.Zone = aws.ToString(i.Placement.AvailabilityZone)
				}
				out[tags[TagInstanceGroup]] = append(out[tags[TagInstanceGroup]], in)
			}
		}
	}
	return out, nil
}

// TagDetached marks an instance detached from its ASG by a surge.
const TagDetached = "kops.k8s.io/detached-from-asg"

// DetachInstance implements providers.Provider: it tags the instance as
// detached (so an interrupted surge is finished later) and detaches it.
func (p *Provider) DetachInstance(ctx context.Context, group *providers.InstanceGroupStatus, id string, decrement bool) error {
	if err := tagEC2(ctx, p.c, id, map[string]string{TagDetached: "true"}); err != nil {
		return err
	}
	_, err := p.c.AutoScaling.DetachInstances(ctx, &autoscaling.DetachInstancesInput{
		AutoScalingGroupName: aws.String(group.CloudName), InstanceIds: []string{id},
		ShouldDecrementDesiredCapacity: aws.Bool(decrement),
	})
	return err
}

// TerminateInstance implements providers.Provider.
func (p *Provider) TerminateInstance(ctx context.Context, id string) error {
	_, err := p.c.EC2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{id}})
	return err
}

// DeregisterInstance implements providers.Provider: it removes the
// instance from every target group that has it.
func (p *Provider) DeregisterInstance(ctx context.Context, id string) error {
	pg := elbv2.NewDescribeTargetGroupsPaginator(p.c.ELBv2, &elbv2.DescribeTargetGroupsInput{})
	for pg.HasMorePages() {
		out, err := pg.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, tg := range out.TargetGroups {
			h, err := p.c.ELBv2.DescribeTargetHealth(ctx, &elbv2.DescribeTargetHealthInput{TargetGroupArn: tg.TargetGroupArn})
			if err != nil {
				return err
			}
			for _, d := range h.TargetHealthDescriptions {
				if d.Target == nil || aws.ToString(d.Target.Id) != id {
					continue
				}
				if _, err := p.c.ELBv2.DeregisterTargets(ctx, &elbv2.DeregisterTargetsInput{
					TargetGroupArn: tg.TargetGroupArn, Targets: []elbtypes.TargetDescription{*d.Target},
				}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
