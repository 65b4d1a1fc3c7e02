package aws

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// findAutoscalingGroups lists the groups tagged as the cluster's, the
// ones being deleted included (their deletion is waited for).
func findAutoscalingGroups(ctx context.Context, c *Clients, cluster string) ([]Resource, error) {
	var out []Resource
	for _, f := range []astypes.Filter{
		{Name: aws.String("tag:" + TagCluster), Values: []string{cluster}},
		{Name: aws.String("tag:" + TagOwnedPrefix + cluster), Values: []string{TagOwned}},
	} {
		p := autoscaling.NewDescribeAutoScalingGroupsPaginator(c.AutoScaling, &autoscaling.DescribeAutoScalingGroupsInput{Filters: []astypes.Filter{f}})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("describe autoscaling groups: %w", err)
			}
			for _, g := range page.AutoScalingGroups {
				if ownedBy(tagsOf(g.Tags, asgTag), cluster) {
					name := aws.ToString(g.AutoScalingGroupName)
					out = append(out, Resource{Type: ResAutoscalingGroup, Name: name, ID: name})
				}
			}
		}
	}
	return out, nil
}

// elbTagBatch is how many resources one ELBv2 DescribeTags takes.
const elbTagBatch = 20

// findELBv2 lists the load balancers and target groups whose tags
// (DescribeTags, 20 at a time) make them the cluster's.
func findELBv2(ctx context.Context, c *Clients, cluster string) ([]Resource, error) {
	var cands []Resource
	lbs := elbv2.NewDescribeLoadBalancersPaginator(c.ELBv2, &elbv2.DescribeLoadBalancersInput{})
	for lbs.HasMorePages() {
		page, err := lbs.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe load balancers: %w", err)
		}
		for _, lb := range page.LoadBalancers {
			cands = append(cands, Resource{Type: ResLoadBalancer, Name: aws.ToString(lb.LoadBalancerName), ID: aws.ToString(lb.LoadBalancerArn)})
		}
	}
	tgs := elbv2.NewDescribeTargetGroupsPaginator(c.ELBv2, &elbv2.DescribeTargetGroupsInput{})
	for tgs.HasMorePages() {
		page, err := tgs.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe target groups: %w", err)
		}
		for _, tg := range page.TargetGroups {
			cands = append(cands, Resource{Type: ResTargetGroup, Name: aws.ToString(tg.TargetGroupName), ID: aws.ToString(tg.TargetGroupArn)})
		}
	}
	var out []Resource
	for start := 0; start < len(cands); start += elbTagBatch {
		batch := cands[start:min(start+elbTagBatch, len(cands))]
		tags, err := describeELBTags(ctx, c, batch)
		if isGone(err) { // one went since it was listed: ask one by one
			tags, err = map[string]map[string]string{}, nil
			for _, r := range batch {
				one, e := describeELBTags(ctx, c, []Resource{r})
				if e != nil && !isGone(e) {
					err = e
					break
				}
				maps.Copy(tags, one)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("describe ELBv2 tags: %w", err)
		}
		for _, r := range batch {
			if ownedBy(tags[r.ID], cluster) {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// describeELBTags returns the tags of rs (20 at most) by ARN.
func describeELBTags(ctx context.Context, c *Clients, rs []Resource) (map[string]map[string]string, error) {
	arns := make([]string, len(rs))
	for i, r := range rs {
		arns[i] = r.ID
	}
	desc, err := c.ELBv2.DescribeTags(ctx, &elbv2.DescribeTagsInput{ResourceArns: arns})
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	for _, d := range desc.TagDescriptions {
		out[aws.ToString(d.ResourceArn)] = tagsOf(d.Tags, elbTag)
	}
	return out, nil
}

// iamPrefixes are the roles (and instance profiles) kOps makes:
// PREFIX.CLUSTER.
var iamPrefixes = []string{"masters", "nodes", "bastions"}

// findIAM finds the roles and instance profiles named as kOps names them
// that also carry the cluster's tags: a same-named one without them
// belongs to someone else.
func findIAM(ctx context.Context, c *Clients, cluster string) ([]Resource, error) {
	var out []Resource
	for _, prefix := range iamPrefixes {
		name := prefix + "." + cluster
		tags, err := roleTags(ctx, c, name)
		if err != nil && !isGone(err) {
			return nil, fmt.Errorf("list tags of IAM role %s: %w", name, err)
		}
		if err == nil && ownedBy(tags, cluster) {
			out = append(out, Resource{Type: ResIAMRole, Name: name, ID: name})
		}
		tags, err = instanceProfileTags(ctx, c, name)
		if err != nil && !isGone(err) {
			return nil, fmt.Errorf("list tags of IAM instance profile %s: %w", name, err)
		}
		if err == nil && ownedBy(tags, cluster) {
			out = append(out, Resource{Type: ResIAMInstanceProfile, Name: name, ID: name})
		}
	}
	return out, nil
}

func roleTags(ctx context.Context, c *Clients, name string) (map[string]string, error) {
	tags := map[string]string{}
	p := iam.NewListRoleTagsPaginator(c.IAM, &iam.ListRoleTagsInput{RoleName: aws.String(name)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		addTags(tags, page.Tags, iamTag)
	}
	return tags, nil
}

func instanceProfileTags(ctx context.Context, c *Clients, name string) (map[string]string, error) {
	tags := map[string]string{}
	p := iam.NewListInstanceProfileTagsPaginator(c.IAM, &iam.ListInstanceProfileTagsInput{InstanceProfileName: aws.String(name)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		addTags(tags, page.Tags, iamTag)
	}
	return tags, nil
}

// recordPrefixes name the records kOps makes for a cluster: PREFIX.CLUSTER.
var recordPrefixes = []string{"api", "api.internal", "kops-controller.internal", "bastion"}

// recordTypes are the record types of those names that delete removes.
var recordTypes = map[r53types.RRType]bool{r53types.RRTypeA: true, r53types.RRTypeAaaa: true, r53types.RRTypeCname: true}

// route53TagBatch is how many zones one ListTagsForResources takes.
const route53TagBatch = 10

// findRoute53 finds the private hosted zones tagged as the cluster's, with
// every record in them but the apex SOA and NS, and, in every zone whose
// name ends the cluster's name, the records kOps makes, by name as kOps
// does (records have no tags).
func findRoute53(ctx context.Context, c *Clients, cluster string) ([]Resource, error) {
	dnsName := strings.ToLower(strings.TrimSuffix(cluster, "."))
	var zones []r53types.HostedZone
	p := route53.NewListHostedZonesPaginator(c.Route53, &route53.ListHostedZonesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list hosted zones: %w", err)
		}
		zones = append(zones, page.HostedZones...)
	}
	owned, err := ownedHostedZones(ctx, c, cluster, zones)
	if err != nil {
		return nil, err
	}
	var out []Resource
	for _, z := range zones {
		id, zn := r53ZoneID(z), r53ZoneName(z)
		if owned[id] {
			out = append(out, Resource{Type: ResHostedZone, Name: zn, ID: id})
			sets, err := listRecordSets(ctx, c, id, "", func(s r53types.ResourceRecordSet) bool { return !isApexRecord(s, zn) })
			if err != nil {
				return nil, err
			}
			out = append(out, recordResources(id, sets)...)
			continue
		}
		if zn != dnsName && !strings.HasSuffix(dnsName, "."+zn) {
			continue
		}
		for _, prefix := range recordPrefixes {
			name := prefix + "." + dnsName
			sets, err := listRecordSets(ctx, c, id, name, func(s r53types.ResourceRecordSet) bool {
				return r53Name(s) == name && recordTypes[s.Type]
			})
			if err != nil {
				return nil, err
			}
			out = append(out, recordResources(id, sets)...)
		}
	}
	return out, nil
}

// ownedHostedZones reads the tags of the private zones, 10 at a time, and
// returns the IDs of the cluster's.
func ownedHostedZones(ctx context.Context, c *Clients, cluster string, zones []r53types.HostedZone) (map[string]bool, error) {
	var private []string
	for _, z := range zones {
		if z.Config != nil && z.Config.PrivateZone {
			private = append(private, r53ZoneID(z))
		}
	}
	owned := map[string]bool{}
	for start := 0; start < len(private); start += route53TagBatch {
		ids := private[start:min(start+route53TagBatch, len(private))]
		out, err := c.Route53.ListTagsForResources(ctx, &route53.ListTagsForResourcesInput{
			ResourceType: r53types.TagResourceTypeHostedzone, ResourceIds: ids})
		if err != nil {
			return nil, fmt.Errorf("list tags of hosted zones: %w", err)
		}
		for _, set := range out.ResourceTagSets {
			owned[strings.TrimPrefix(aws.ToString(set.ResourceId), "/hostedzone/")] = ownedBy(tagsOf(set.Tags, route53Tag), cluster)
		}
	}
	return owned, nil
}

// listRecords lists the record sets of zone from name on ("" for all)
// that keep selects, and stops at the first one past name.
func listRecordSets(ctx context.Context, c *Clients, zone, name string, keep func(r53types.ResourceRecordSet) bool) ([]r53types.ResourceRecordSet, error) {
	in := &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(zone)}
	if name != "" {
		in.StartRecordName = aws.String(name)
	}
	var out []r53types.ResourceRecordSet
	for {
		page, err := c.Route53.ListResourceRecordSets(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("list records of hosted zone %s: %w", zone, err)
		}
		for _, s := range page.ResourceRecordSets {
			if name != "" && r53Name(s) != name {
				return out, nil
			}
			if keep(s) {
				out = append(out, s)
			}
		}
		if !page.IsTruncated {
			return out, nil
		}
		in.StartRecordName, in.StartRecordType, in.StartRecordIdentifier = page.NextRecordName, page.NextRecordType, page.NextRecordIdentifier
	}
}

func recordResources(zone string, sets []r53types.ResourceRecordSet) []Resource {
	out := make([]Resource, 0, len(sets))
	for _, s := range sets {
		id := zone + "/" + string(s.Type) + "/" + r53Name(s)
		if s.SetIdentifier != nil {
			id += "/" + aws.ToString(s.SetIdentifier)
		}
		out = append(out, Resource{Type: ResRoute53Record, Name: r53Name(s), ID: id, zone: zone, record: &s})
	}
	return out
}

// isApexRecord reports whether s is a zone's own SOA or NS record, which
// goes with the zone.
func isApexRecord(s r53types.ResourceRecordSet, zone string) bool {
	return r53Name(s) == zone && (s.Type == r53types.RRTypeSoa || s.Type == r53types.RRTypeNs)
}

// recordName is a record's name in lower case without the final dot.
func r53Name(s r53types.ResourceRecordSet) string {
	return strings.ToLower(strings.TrimSuffix(aws.ToString(s.Name), "."))
}

func r53ZoneID(z r53types.HostedZone) string {
	return strings.TrimPrefix(aws.ToString(z.Id), "/hostedzone/")
}

func r53ZoneName(z r53types.HostedZone) string {
	return strings.ToLower(strings.TrimSuffix(aws.ToString(z.Name), "."))
}
