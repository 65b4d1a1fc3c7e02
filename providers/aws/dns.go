package aws

import (
	"context"
	"crypto/rand"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// The hosted zone of the cluster's DNS and the API's alias record in it.
// A public zone is the user's: drydock finds it and never creates, tags
// or changes it. A private zone is found (and associated with the VPC
// when it is not yet) or created with the VPC.

func (t *dnsZoneTask) kind() string { return "DNSZone" }
func (t *dnsZoneTask) name() string { return t.Name }

func (t *dnsZoneTask) deps() []task {
	if t.Private {
		return []task{t.VPC}
	}
	return nil
}

func (t *dnsZoneTask) fields() []field {
	fs := []field{fixed("Private", t.Private)}
	if t.Private {
		fs = append(fs, fieldOf("VPC", t.VPC))
		if !t.foreign {
			fs = append(fs, fieldOf("Tags", t.Tags))
		}
	}
	return fs
}

// hostedZone is a zone of the name, with what find needs to know of it.
type hostedZone struct {
	id   string
	vpcs []string // the VPCs of a private zone
	tags map[string]string
}

func (t *dnsZoneTask) find(ctx context.Context, c *Clients) (task, error) {
	zones, err := t.zonesNamed(ctx, c)
	if err != nil {
		return nil, err
	}
	if !t.Private {
		switch len(zones) {
		case 0:
			return nil, fmt.Errorf("hosted zone %s not found: create it (aws route53 create-hosted-zone --name %s --caller-reference $(date +%%s)) or use --dns none", t.Name, t.Name)
		case 1:
			t.id = zones[0].id
			return &dnsZoneTask{Name: t.Name, Cluster: t.Cluster, id: t.id}, nil
		}
		return nil, fmt.Errorf("%d public hosted zones are named %s and drydock cannot tell which one to use; delete the others", len(zones), t.Name)
	}
	z, err := t.pick(zones)
	if z == nil || err != nil {
		return nil, err
	}
	t.id = z.id
	// A zone the cluster did not create keeps its tags: delete finds
	// what to delete by them.
	t.foreign = z.tags[TagCluster] != t.Cluster
	actual := &dnsZoneTask{Name: t.Name, Cluster: t.Cluster, Private: true, VPC: t.VPC, Tags: only(z.tags, t.Tags), id: t.id, foreign: t.foreign}
	if t.VPC.id == "" || !slices.Contains(z.vpcs, t.VPC.id) {
		actual.VPC = &vpcTask{Name: strings.Join(z.vpcs, ", ")} // other VPCs, shown by their IDs
	}
	return actual, nil
}

// pick chooses among the private zones of the name: the one associated
// with the VPC, else the one tagged as the cluster's, else the only one
// (which update associates with the VPC).
func (t *dnsZoneTask) pick(zones []hostedZone) (*hostedZone, error) {
	for i := range zones {
		if t.VPC.id != "" && slices.Contains(zones[i].vpcs, t.VPC.id) {
			return &zones[i], nil
		}
	}
	for i := range zones {
		if zones[i].tags[TagCluster] == t.Cluster {
			return &zones[i], nil
		}
	}
	switch len(zones) {
	case 0:
		return nil, nil
	case 1:
		return &zones[0], nil
	}
	return nil, fmt.Errorf("%d private hosted zones are named %s and none is associated with the cluster's VPC; associate the one to use with it (aws route53 associate-vpc-with-hosted-zone)", len(zones), t.Name)
}

// zonesNamed lists the zones named t.Name with t.Private's privacy, with
// the VPCs and tags of private ones.
func (t *dnsZoneTask) zonesNamed(ctx context.Context, c *Clients) ([]hostedZone, error) {
	want := dnsName(t.Name)
	in := &route53.ListHostedZonesByNameInput{DNSName: aws.String(t.Name)}
	var found []hostedZone
	for {
		out, err := c.Route53.ListHostedZonesByName(ctx, in)
		if err != nil {
			return nil, err
		}
		for _, z := range out.HostedZones {
			if dnsName(aws.ToString(z.Name)) != want {
				return found, nil // listed by name: the rest are other names
			}
			private := z.Config != nil && z.Config.PrivateZone
			if private != t.Private {
				continue
			}
			hz := hostedZone{id: strings.TrimPrefix(aws.ToString(z.Id), "/hostedzone/")}
			if private {
				if err := hz.read(ctx, c); err != nil {
					return nil, err
				}
			}
			found = append(found, hz)
		}
		if !out.IsTruncated {
			return found, nil
		}
		in.DNSName, in.HostedZoneId = out.NextDNSName, out.NextHostedZoneId
	}
}

// read reads a private zone's VPCs and tags.
func (z *hostedZone) read(ctx context.Context, c *Clients) error {
	got, err := c.Route53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(z.id)})
	if err != nil {
		return err
	}
	for _, v := range got.VPCs {
		z.vpcs = append(z.vpcs, aws.ToString(v.VPCId))
	}
	slices.Sort(z.vpcs)
	tags, err := c.Route53.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{
		ResourceType: r53types.TagResourceTypeHostedzone, ResourceId: aws.String(z.id),
	})
	if err != nil {
		return err
	}
	z.tags = map[string]string{}
	if tags.ResourceTagSet != nil {
		z.tags = tagsOf(tags.ResourceTagSet.Tags, route53Tag)
	}
	return nil
}

func (t *dnsZoneTask) create(ctx context.Context, c *Clients) error {
	if !t.Private {
		return fmt.Errorf("drydock does not create public hosted zones") // find refuses first
	}
	out, err := c.Route53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String(t.Name),
		// Unique per zone; a retry of this very request reuses it.
		CallerReference:  aws.String("drydock-" + rand.Text()),
		HostedZoneConfig: &r53types.HostedZoneConfig{PrivateZone: true, Comment: aws.String("cluster " + t.Cluster)},
		VPC:              &r53types.VPC{VPCId: aws.String(t.VPC.id), VPCRegion: r53types.VPCRegion(c.Region)},
	})
	if err != nil {
		return err
	}
	t.id = strings.TrimPrefix(aws.ToString(out.HostedZone.Id), "/hostedzone/")
	return t.tag(ctx, c)
}

func (t *dnsZoneTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	for _, ch := range changes {
		var err error
		switch ch.Name {
		case "VPC":
			_, err = c.Route53.AssociateVPCWithHostedZone(ctx, &route53.AssociateVPCWithHostedZoneInput{
				HostedZoneId: aws.String(t.id),
				VPC:          &r53types.VPC{VPCId: aws.String(t.VPC.id), VPCRegion: r53types.VPCRegion(c.Region)},
			})
		case "Tags":
			err = t.tag(ctx, c)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", ch.Name, err)
		}
	}
	return nil
}

func (t *dnsZoneTask) tag(ctx context.Context, c *Clients) error {
	if len(t.Tags) == 0 {
		return nil
	}
	var tags []r53types.Tag
	for _, k := range slices.Sorted(maps.Keys(t.Tags)) {
		tags = append(tags, r53types.Tag{Key: aws.String(k), Value: aws.String(t.Tags[k])})
	}
	_, err := c.Route53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{
		ResourceType: r53types.TagResourceTypeHostedzone, ResourceId: aws.String(t.id), AddTags: tags,
	})
	return err
}

func (t *dnsNameTask) kind() string { return "DNSName" }
func (t *dnsNameTask) name() string { return t.Name }
func (t *dnsNameTask) deps() []task {
	if t.Target == nil {
		return []task{t.Zone}
	}
	return []task{t.Zone, t.Target}
}

// fields shows the alias target as the load balancer task ("name:api.C"),
// but find shows it so only when the record points at the load
// balancer's current DNS name: a record left pointing elsewhere shows
// where, and differs.
func (t *dnsNameTask) fields() []field {
	alias := t.alias
	if t.Target != nil {
		alias = render(t.Target)
	}
	return []field{fixed("Type", t.Type), fieldOf("Alias", alias)}
}

func (t *dnsNameTask) find(ctx context.Context, c *Clients) (task, error) {
	if t.Zone.id == "" {
		return nil, nil // the zone does not exist yet
	}
	out, err := c.Route53.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{
		HostedZoneId:    aws.String(t.Zone.id),
		StartRecordName: aws.String(t.Name),
		StartRecordType: r53types.RRType(t.Type),
	})
	if err != nil {
		return nil, err
	}
	// Listed by name then type: t.Type's set comes first, then the other
	// types at the name, among them a CNAME that would stand in its way.
	var found *r53types.ResourceRecordSet
	for i, rr := range out.ResourceRecordSets {
		if dnsName(aws.ToString(rr.Name)) != dnsName(t.Name) {
			break
		}
		if rr.SetIdentifier != nil {
			continue
		}
		if string(rr.Type) == t.Type || rr.Type == r53types.RRTypeCname {
			found = &out.ResourceRecordSets[i]
			break
		}
	}
	if found == nil {
		return nil, nil
	}
	actual := &dnsNameTask{Name: t.Name, Zone: t.Zone, Type: string(found.Type)}
	switch a := found.AliasTarget; {
	case a != nil && t.aliasOf(a):
		actual.Target = t.Target
	case a != nil:
		actual.alias = dnsName(aws.ToString(a.DNSName))
	default:
		var values []string
		for _, r := range found.ResourceRecords {
			values = append(values, aws.ToString(r.Value))
		}
		actual.alias = render(values)
	}
	return actual, nil
}

// aliasOf reports whether an alias targets the load balancer as it is now.
func (t *dnsNameTask) aliasOf(a *r53types.AliasTarget) bool {
	lb := t.Target
	return lb != nil && lb.dnsName != "" &&
		strings.TrimPrefix(dnsName(aws.ToString(a.DNSName)), "dualstack.") == dnsName(lb.dnsName) &&
		aws.ToString(a.HostedZoneId) == lb.hostedZoneID
}

func (t *dnsNameTask) create(ctx context.Context, c *Clients) error {
	return t.upsert(ctx, c)
}

func (t *dnsNameTask) update(ctx context.Context, c *Clients, _ task, _ []providers.Field) error {
	return t.upsert(ctx, c)
}

// upsert points the record at the load balancer. Route53 applies it in a
// minute or so; nothing here needs to wait for that.
func (t *dnsNameTask) upsert(ctx context.Context, c *Clients) error {
	if t.Target == nil || t.Target.dnsName == "" {
		return fmt.Errorf("no load balancer DNS name to point %s at", t.Name)
	}
	_, err := c.Route53.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{
		HostedZoneId: aws.String(t.Zone.id),
		ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{{
			Action: r53types.ChangeActionUpsert,
			ResourceRecordSet: &r53types.ResourceRecordSet{
				Name: aws.String(t.Name),
				Type: r53types.RRType(t.Type),
				AliasTarget: &r53types.AliasTarget{
					DNSName:              aws.String(t.Target.dnsName),
					HostedZoneId:         aws.String(t.Target.hostedZoneID),
					EvaluateTargetHealth: false,
				},
			},
		}}},
	})
	return err
}

// dnsName is a domain name as drydock compares them: lower case, without
// the final dot.
func dnsName(s string) string { return strings.ToLower(strings.TrimSuffix(s, ".")) }
