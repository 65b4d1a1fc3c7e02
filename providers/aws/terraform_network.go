package aws

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
)

// The Terraform blocks of the network tasks: VPC, DHCP options, internet
// gateway, subnets, NAT gateways, routes and security groups.

// render appends the block(s) of t.
func (w *tfWriter) render(t task) error {
	switch t := t.(type) {
	case *vpcTask:
		w.vpc(t)
	case *dhcpOptionsTask:
		b := w.block(t)
		b.SetAttributeRaw("domain_name", tfString(t.DomainName))
		b.SetAttributeRaw("domain_name_servers", tfStrings(t.DomainNameServers))
		b.SetAttributeRaw("tags", tfMap(t.Tags))
	case *vpcDHCPAssociationTask:
		b := w.block(t)
		b.SetAttributeRaw("vpc_id", w.ref(t.VPC, "id"))
		b.SetAttributeRaw("dhcp_options_id", w.ref(t.DHCP, "id"))
	case *internetGatewayTask:
		w.internetGateway(t)
	case *subnetTask:
		if t.SharedID == "" {
			b := w.block(t)
			b.SetAttributeRaw("vpc_id", w.ref(t.VPC, "id"))
			b.SetAttributeRaw("cidr_block", tfString(t.CIDR))
			b.SetAttributeRaw("availability_zone", tfString(t.Zone))
			b.SetAttributeRaw("tags", tfMap(t.Tags))
		}
	case *elasticIPTask:
		b := w.block(t)
		b.SetAttributeRaw("domain", tfString("vpc"))
		b.SetAttributeRaw("tags", tfMap(t.Tags))
	case *natGatewayTask:
		if t.SharedID == "" {
			w.natGateway(t)
		}
	case *routeTableTask:
		b := w.block(t)
		b.SetAttributeRaw("vpc_id", w.ref(t.VPC, "id"))
		b.SetAttributeRaw("tags", tfMap(t.Tags))
	case *routeTask:
		return w.route(t)
	case *routeTableAssociationTask:
		b := w.block(t)
		b.SetAttributeRaw("route_table_id", w.ref(t.Table, "id"))
		b.SetAttributeRaw("subnet_id", w.ref(t.Subnet, "id"))
	case *securityGroupTask:
		// No inline rules: each rule is a resource of its own.
		b := w.block(t)
		b.SetAttributeRaw("name", tfString(t.Name))
		b.SetAttributeRaw("description", tfString(t.Description))
		b.SetAttributeRaw("vpc_id", w.ref(t.VPC, "id"))
		b.SetAttributeRaw("tags", tfMap(t.Tags))
	case *securityGroupRuleTask:
		w.securityGroupRule(t)
	default:
		return w.renderCompute(t)
	}
	return nil
}

func (w *tfWriter) vpc(t *vpcTask) {
	if t.Shared {
		return // referred to by its ID
	}
	b := w.block(t)
	b.SetAttributeRaw("cidr_block", tfString(t.CIDR))
	b.SetAttributeRaw("enable_dns_hostnames", tfBool(t.DNSHostnames))
	b.SetAttributeRaw("enable_dns_support", tfBool(t.DNSSupport))
	b.SetAttributeRaw("tags", tfMap(t.Tags))
}

// internetGateway is the cluster's gateway, or in a shared VPC a data
// source that finds the VPC's.
func (w *tfWriter) internetGateway(t *internetGatewayTask) {
	b := w.block(t)
	if t.Shared {
		f := b.AppendNewBlock("filter", nil).Body()
		f.SetAttributeRaw("name", tfString("attachment.vpc-id"))
		f.SetAttributeRaw("values", tfList([]hclwrite.Tokens{w.ref(t.VPC, "id")}))
		return
	}
	b.SetAttributeRaw("vpc_id", w.ref(t.VPC, "id"))
	b.SetAttributeRaw("tags", tfMap(t.Tags))
}

// natGateway is a zone's NAT gateway. AWS fails a NAT gateway created
// before the VPC has an internet gateway, and none of its attributes
// refers to the gateway: it depends on it explicitly.
func (w *tfWriter) natGateway(t *natGatewayTask) {
	b := w.block(t)
	b.SetAttributeRaw("allocation_id", w.ref(t.EIP, "id"))
	b.SetAttributeRaw("subnet_id", w.ref(t.Subnet, "id"))
	b.SetAttributeRaw("tags", tfMap(t.Tags))
	if igw := t.IGW; igw != nil && !igw.Shared {
		b.SetAttributeRaw("depends_on", tfList([]hclwrite.Tokens{tfRef(w.addrs[igw].typ, w.addrs[igw].name)}))
	}
}

func (w *tfWriter) route(t *routeTask) error {
	b := w.block(t)
	b.SetAttributeRaw("route_table_id", w.ref(t.Table, "id"))
	b.SetAttributeRaw("destination_cidr_block", tfString(t.CIDR))
	switch {
	case t.NAT != nil:
		b.SetAttributeRaw("nat_gateway_id", w.ref(t.NAT, "id"))
	case t.IGW != nil:
		b.SetAttributeRaw("gateway_id", w.ref(t.IGW, "id"))
	default:
		return fmt.Errorf("the route has neither a NAT gateway nor an internet gateway")
	}
	return nil
}

// securityGroupRule is an aws_vpc_security_group_{ingress,egress}_rule:
// one rule, from a CIDR or a group; "-1" (all protocols) has no ports.
func (w *tfWriter) securityGroupRule(t *securityGroupRuleTask) {
	b := w.block(t)
	b.SetAttributeRaw("security_group_id", w.ref(t.Group, "id"))
	b.SetAttributeRaw("ip_protocol", tfString(t.Protocol))
	if t.Protocol != "-1" {
		b.SetAttributeRaw("from_port", tfInt(int64(t.FromPort)))
		b.SetAttributeRaw("to_port", tfInt(int64(t.ToPort)))
	}
	switch {
	case t.Source != nil:
		b.SetAttributeRaw("referenced_security_group_id", w.ref(t.Source, "id"))
	case strings.Contains(t.CIDR, ":"):
		b.SetAttributeRaw("cidr_ipv6", tfString(t.CIDR))
	default:
		b.SetAttributeRaw("cidr_ipv4", tfString(t.CIDR))
	}
	b.SetAttributeRaw("tags", tfMap(t.Tags))
}
