package aws

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// The API load balancer, as kOps makes it: a network load balancer across
// one subnet per zone, with cross-zone load balancing on. Its target group
// and listener are in targetgroup.go; the ELBv2 helpers they share, here.

const attrCrossZone = "load_balancing.cross_zone.enabled"

func (t *nlbTask) kind() string { return "NetworkLoadBalancer" }
func (t *nlbTask) name() string { return t.Name }

func (t *nlbTask) deps() []task {
	var ds []task
	for _, s := range t.Subnets {
		ds = append(ds, s)
	}
	for _, g := range t.SecurityGroups {
		ds = append(ds, g)
	}
	return ds
}

func (t *nlbTask) scheme() elbv2types.LoadBalancerSchemeEnum {
	if t.Internal {
		return elbv2types.LoadBalancerSchemeEnumInternal
	}
	return elbv2types.LoadBalancerSchemeEnumInternetFacing
}

func (t *nlbTask) fields() []field {
	typ := t.lbType
	if typ == "" {
		typ = string(elbv2types.LoadBalancerTypeEnumNetwork)
	}
	return []field{
		fixed("LoadBalancerName", t.AWSName),
		fixed("Scheme", string(t.scheme())),
		fixed("Type", typ),
		fieldOf("Subnets", sortedNames(t.Subnets)),
		fieldOf("SecurityGroups", sortedNames(t.SecurityGroups)),
		fieldOf("CrossZoneLoadBalancing", !t.crossZoneOff),
		fieldOf("Tags", t.Tags),
	}
}

func (t *nlbTask) find(ctx context.Context, c *Clients) (task, error) {
	out, err := c.ELBv2.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{Names: []string{t.AWSName}})
	if isCode(err, "LoadBalancerNotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	lb, err := one(out.LoadBalancers, "load balancer", t.AWSName)
	if lb == nil || err != nil {
		return nil, err
	}
	arn := aws.ToString(lb.LoadBalancerArn)
	tags, err := elbTagsOf(ctx, c, arn)
	if err != nil {
		return nil, err
	}
	if err := checkOwner("load balancer", t.AWSName, t.Cluster, tags); err != nil {
		return nil, err
	}
	attrs, err := c.ELBv2.DescribeLoadBalancerAttributes(ctx, &elbv2.DescribeLoadBalancerAttributesInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil {
		return nil, err
	}
	t.arn, t.dnsName, t.hostedZoneID = arn, aws.ToString(lb.DNSName), aws.ToString(lb.CanonicalHostedZoneId)
	actual := &nlbTask{
		Name: t.Name, Cluster: t.Cluster, AWSName: aws.ToString(lb.LoadBalancerName),
		Internal: lb.Scheme == elbv2types.LoadBalancerSchemeEnumInternal,
		Tags:     only(tags, t.Tags),
		arn:      t.arn, dnsName: t.dnsName, hostedZoneID: t.hostedZoneID,
		lbType:       string(lb.Type),
		crossZoneOff: attrValue(attrs.Attributes, attrCrossZone) != "true",
	}
	subnets := map[string]string{}
	for _, s := range t.Subnets {
		subnets[s.id] = s.Name
	}
	var subnetIDs []string
	for _, z := range lb.AvailabilityZones {
		subnetIDs = append(subnetIDs, aws.ToString(z.SubnetId))
	}
	for _, n := range namesOf(subnetIDs, subnets) {
		actual.Subnets = append(actual.Subnets, &subnetTask{Name: n})
	}
	groups := map[string]string{}
	for _, g := range t.SecurityGroups {
		groups[g.id] = g.Name
	}
	for _, n := range namesOf(lb.SecurityGroups, groups) {
		actual.SecurityGroups = append(actual.SecurityGroups, &securityGroupTask{Name: n})
	}
	return actual, nil
}

func (t *nlbTask) create(ctx context.Context, c *Clients) error {
	subnets, groups, err := t.ids()
	if err != nil {
		return err
	}
	out, err := c.ELBv2.CreateLoadBalancer(ctx, &elbv2.CreateLoadBalancerInput{
		Name:           aws.String(t.AWSName),
		Type:           elbv2types.LoadBalancerTypeEnumNetwork,
		Scheme:         t.scheme(),
		Subnets:        subnets,
		SecurityGroups: groups,
		Tags:           elbTags(t.Tags),
	})
	if err != nil {
		return err
	}
	lb, err := one(out.LoadBalancers, "load balancer", t.AWSName)
	if err != nil {
		return err
	}
	if lb == nil {
		return fmt.Errorf("CreateLoadBalancer %s answered no load balancer", t.AWSName)
	}
	t.arn, t.dnsName, t.hostedZoneID = aws.ToString(lb.LoadBalancerArn), aws.ToString(lb.DNSName), aws.ToString(lb.CanonicalHostedZoneId)
	return t.setCrossZone(ctx, c)
}

func (t *nlbTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	subnets, groups, err := t.ids()
	if err != nil {
		return err
	}
	for _, ch := range changes {
		switch ch.Name {
		case "Subnets":
			_, err = c.ELBv2.SetSubnets(ctx, &elbv2.SetSubnetsInput{LoadBalancerArn: aws.String(t.arn), Subnets: subnets})
		case "SecurityGroups":
			_, err = c.ELBv2.SetSecurityGroups(ctx, &elbv2.SetSecurityGroupsInput{LoadBalancerArn: aws.String(t.arn), SecurityGroups: groups})
		case "CrossZoneLoadBalancing":
			err = t.setCrossZone(ctx, c)
		case "Tags":
			err = addELBTags(ctx, c, t.arn, t.Tags)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", ch.Name, err)
		}
	}
	return nil
}

// setCrossZone turns cross-zone load balancing on, as kOps does: with it
// off, a zone without a healthy control plane drops its share of traffic.
func (t *nlbTask) setCrossZone(ctx context.Context, c *Clients) error {
	_, err := c.ELBv2.ModifyLoadBalancerAttributes(ctx, &elbv2.ModifyLoadBalancerAttributesInput{
		LoadBalancerArn: aws.String(t.arn),
		Attributes:      []elbv2types.LoadBalancerAttribute{{Key: aws.String(attrCrossZone), Value: aws.String("true")}},
	})
	return err
}

// ids are the IDs of the subnets and of the security groups, each in the
// order of their names.
func (t *nlbTask) ids() (subnets, groups []string, err error) {
	for _, s := range sortByName(t.Subnets) {
		if s.id == "" {
			return nil, nil, fmt.Errorf("subnet %s has no ID yet", s.Name)
		}
		subnets = append(subnets, s.id)
	}
	for _, g := range sortByName(t.SecurityGroups) {
		if g.id == "" {
			return nil, nil, fmt.Errorf("security group %s has no ID yet", g.Name)
		}
		groups = append(groups, g.id)
	}
	return subnets, groups, nil
}

// checkOwner refuses a resource not tagged KubernetesCluster=cluster: it
// has the name drydock would give it, but it is someone else's.
func checkOwner(what, awsName, cluster string, tags map[string]string) error {
	if tags[TagCluster] == cluster {
		return nil
	}
	return fmt.Errorf("%s %s exists but is not tagged %s=%s, so it is not this cluster's to change; delete or rename it, or choose another cluster name",
		what, awsName, TagCluster, cluster)
}

// elbTagsOf reads the tags of an ELBv2 resource.
func elbTagsOf(ctx context.Context, c *Clients, arn string) (map[string]string, error) {
	out, err := c.ELBv2.DescribeTags(ctx, &elbv2.DescribeTagsInput{ResourceArns: []string{arn}})
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, d := range out.TagDescriptions {
		addTags(m, d.Tags, elbTag)
	}
	return m, nil
}

// elbTags is tags as ELBv2 takes them, sorted by key.
func elbTags(tags map[string]string) []elbv2types.Tag {
	out := make([]elbv2types.Tag, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, elbv2types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

func addELBTags(ctx context.Context, c *Clients, arn string, tags map[string]string) error {
	if len(tags) == 0 {
		return nil
	}
	_, err := c.ELBv2.AddTags(ctx, &elbv2.AddTagsInput{ResourceArns: []string{arn}, Tags: elbTags(tags)})
	return err
}

func attrValue(attrs []elbv2types.LoadBalancerAttribute, key string) string {
	for _, a := range attrs {
		if aws.ToString(a.Key) == key {
			return aws.ToString(a.Value)
		}
	}
	return ""
}

// sortedNames are the names of tasks, sorted.
func sortedNames[T task](tasks []T) []string {
	out := make([]string, 0, len(tasks))
	for _, t := range tasks {
		out = append(out, t.name())
	}
	slices.Sort(out)
	return out
}

// sortByName is tasks sorted by name.
func sortByName[T task](tasks []T) []T {
	return slices.SortedFunc(slices.Values(tasks), func(a, b T) int { return strings.Compare(a.name(), b.name()) })
}

// namesOf shows AWS IDs as the names of the tasks that hold them (byID),
// sorted; an ID of no task shows as itself.
func namesOf(ids []string, byID map[string]string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if n, ok := byID[id]; ok && id != "" {
			id = n
		}
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
