package ec2

import (
	"net/netip"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// routeTargets are the target parameters of CreateRoute and ReplaceRoute
// and where each goes in a route.
var routeTargets = []struct {
	param string
	field func(*route) *string
}{
	{"GatewayId", func(r *route) *string { return &r.GatewayID }},
	{"NatGatewayId", func(r *route) *string { return &r.NatGatewayID }},
	{"InstanceId", func(r *route) *string { return &r.InstanceID }},
	{"NetworkInterfaceId", func(r *route) *string { return &r.ENIID }},
	{"VpcPeeringConnectionId", func(r *route) *string { return &r.VpcPeeringID }},
	{"TransitGatewayId", func(r *route) *string { return &r.TransitGatewayID }},
	{"EgressOnlyInternetGatewayId", func(r *route) *string { return &r.EgressOnlyIGWID }},
}

// parseDestination reads the one destination of a route call.
func parseDestination(p awsapi.Params) (route, error) {
	var rt route
	n := 0
	if v := p.Get("DestinationCidrBlock"); v != "" {
		pfx, err := parseCidr("destinationCidrBlock", v)
		if err != nil {
			return rt, err
		}
		rt.Dest, n = pfx.String(), n+1
	}
	if v := p.Get("DestinationIpv6CidrBlock"); v != "" {
		pfx, err := netip.ParsePrefix(v)
		if err != nil || !pfx.Addr().Is6() {
			return rt, invalidParameterValue("Value (%s) for parameter destinationIpv6CidrBlock is invalid. This is not a valid IPv6 CIDR block.", v)
		}
		rt.Dest6, n = pfx.Masked().String(), n+1
	}
	if v := p.Get("DestinationPrefixListId"); v != "" {
		rt.DestPrefixList, n = v, n+1
	}
	switch n {
	case 0:
		return rt, awsapi.BadRequest("MissingParameter", "The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock or destinationPrefixListId")
	case 1:
		return rt, nil
	}
	return rt, invalidParameterCombination("The parameters destinationCidrBlock, destinationIpv6CidrBlock and destinationPrefixListId are mutually exclusive")
}

// parseTarget sets the one target of a route call on rt.
func parseTarget(p awsapi.Params, rt *route) error {
	var set []string
	for _, t := range routeTargets {
		if v := p.Get(t.param); v != "" {
			*t.field(rt) = v
			set = append(set, lowerFirst(t.param))
		}
	}
	switch len(set) {
	case 0:
		return awsapi.BadRequest("MissingParameter", "The request must contain exactly one of gatewayId, natGatewayId, instanceId, networkInterfaceId, vpcPeeringConnectionId, transitGatewayId or egressOnlyInternetGatewayId")
	case 1:
		return nil
	}
	return invalidParameterCombination("The parameters %s are mutually exclusive", strings.Join(set, ", "))
}

func differentNetworks(t *routeTable, target string) error {
	return invalidParameterValue("route table %s and network gateway %s belong to different networks", t.ID, target)
}

// checkTarget validates a route's target against the table's VPC.
func (s *Service) checkTarget(tx *store.Tx, sc scope, t *routeTable, rt route) error {
	switch {
	case rt.GatewayID == "local":
		return invalidParameterValue("Route target 'local' cannot be used in CreateRoute; it is the VPC's own route")
	case rt.GatewayID != "":
		if !strings.HasPrefix(rt.GatewayID, "igw-") {
			return awsapi.BadRequest("InvalidGatewayID.NotFound", "The gateway ID '%s' does not exist", rt.GatewayID)
		}
		g, err := igws.get(tx, sc, rt.GatewayID)
		if err != nil {
			return err
		}
		if !g.attachedTo(t.VpcID) {
			return differentNetworks(t, g.ID)
		}
	case rt.NatGatewayID != "":
		n, err := natGateways.get(tx, sc, rt.NatGatewayID)
		if err != nil {
			return err
		}
		if !n.live() {
			return natGateways.notFound(n.ID)
		}
		if n.VpcID != t.VpcID {
			return differentNetworks(t, n.ID)
		}
	case rt.ENIID != "":
		e, err := enis.get(tx, sc, rt.ENIID)
		if err != nil {
			return err
		}
		if e.VpcID != t.VpcID {
			return differentNetworks(t, e.ID)
		}
	case rt.InstanceID != "":
		inst, ok, err := s.lookupInstance(tx, sc, rt.InstanceID)
		if err != nil {
			return err
		}
		if !ok {
			return awsapi.BadRequest("InvalidInstanceID.NotFound", "The instance ID '%s' does not exist", rt.InstanceID)
		}
		if inst.VpcID != t.VpcID {
			return differentNetworks(t, rt.InstanceID)
		}
	case rt.VpcPeeringID != "":
		return awsapi.BadRequest("InvalidVpcPeeringConnectionID.NotFound", "The vpcPeeringConnection ID '%s' does not exist", rt.VpcPeeringID)
	case rt.TransitGatewayID != "":
		return awsapi.BadRequest("InvalidTransitGatewayID.NotFound", "Transit Gateway %s was deleted or does not exist.", rt.TransitGatewayID)
	case rt.EgressOnlyIGWID != "":
		return awsapi.BadRequest("InvalidGatewayID.NotFound", "The gateway ID '%s' does not exist", rt.EgressOnlyIGWID)
	}
	return s.checkSpecific(tx, sc, t, rt)
}

// checkSpecific refuses a gateway route for a destination inside the
// VPC's CIDR, which only an interface or an instance can take.
func (s *Service) checkSpecific(tx *store.Tx, sc scope, t *routeTable, rt route) error {
	if rt.Dest == "" || (rt.GatewayID == "" && rt.NatGatewayID == "") {
		return nil
	}
	v, ok, err := vpcs.find(tx, sc, t.VpcID)
	if err != nil || !ok {
		return err
	}
	vpcCidr, err1 := netip.ParsePrefix(v.CidrBlock)
	dest, err2 := netip.ParsePrefix(rt.Dest)
	if err1 == nil && err2 == nil && dest.Bits() >= vpcCidr.Bits() && vpcCidr.Contains(dest.Addr()) {
		return invalidParameterValue("The destination CIDR block %s is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.", rt.Dest)
	}
	return nil
}

func (s *Service) lookupInstance(tx *store.Tx, sc scope, id string) (instanceRef, bool, error) {
	if s.instances == nil {
		return instanceRef{}, false, nil
	}
	return s.instances(tx, sc, id)
}

// routeState is active, or blackhole when the target is gone.
func (s *Service) routeState(tx *store.Tx, sc scope, t *routeTable, rt route) (string, error) {
	active := true
	switch {
	case strings.HasPrefix(rt.GatewayID, "igw-"):
		g, ok, err := igws.find(tx, sc, rt.GatewayID)
		if err != nil {
			return "", err
		}
		active = ok && g.attachedTo(t.VpcID)
	case rt.NatGatewayID != "":
		n, ok, err := natGateways.find(tx, sc, rt.NatGatewayID)
		if err != nil {
			return "", err
		}
		active = ok && n.live()
	case rt.ENIID != "":
		_, ok, err := enis.find(tx, sc, rt.ENIID)
		if err != nil {
			return "", err
		}
		active = ok
	case rt.InstanceID != "":
		inst, ok, err := s.lookupInstance(tx, sc, rt.InstanceID)
		if err != nil {
			return "", err
		}
		active = ok && inst.Running
	}
	if active {
		return "active", nil
	}
	return "blackhole", nil
}

// findRoute returns the index of the route to dest's destination, -1.
func findRoute(t *routeTable, dest route) int {
	for i, rt := range t.Routes {
		if rt.Dest == dest.Dest && rt.Dest6 == dest.Dest6 && rt.DestPrefixList == dest.DestPrefixList {
			return i
		}
	}
	return -1
}

func (s *Service) createRoute(r *awsapi.Request, p awsapi.Params) (any, error) {
	return s.changeRoute(r, p, func(tx *store.Tx, sc scope, t *routeTable, rt route) error {
		if findRoute(t, rt) >= 0 {
			return awsapi.BadRequest("RouteAlreadyExists", "The route identified by %s already exists.", rt.destination())
		}
		if err := s.checkTarget(tx, sc, t, rt); err != nil {
			return err
		}
		rt.Origin = "CreateRoute"
		t.Routes = append(t.Routes, rt)
		return nil
	})
}

func (s *Service) replaceRoute(r *awsapi.Request, p awsapi.Params) (any, error) {
	return s.changeRoute(r, p, func(tx *store.Tx, sc scope, t *routeTable, rt route) error {
		i := findRoute(t, rt)
		if i < 0 {
			return invalidParameterValue("There is no route defined for '%s' in the route table. Use CreateRoute instead.", rt.destination())
		}
		if t.Routes[i].GatewayID == "local" {
			return invalidParameterValue("Cannot replace local route %s in route table %s", rt.destination(), t.ID)
		}
		if err := s.checkTarget(tx, sc, t, rt); err != nil {
			return err
		}
		rt.Origin = t.Routes[i].Origin
		t.Routes[i] = rt
		return nil
	})
}

// changeRoute runs a CreateRoute or ReplaceRoute change on the table.
func (s *Service) changeRoute(r *awsapi.Request, p awsapi.Params, change func(*store.Tx, scope, *routeTable, route) error) (any, error) {
	id, err := required(p, "RouteTableId")
	if err != nil {
		return nil, err
	}
	rt, err := parseDestination(p)
	if err != nil {
		return nil, err
	}
	if err := parseTarget(p, &rt); err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		t, err := routeTables.get(tx, sc, id)
		if err != nil {
			return err
		}
		if err := change(tx, sc, t, rt); err != nil {
			return err
		}
		return routeTables.put(tx, sc, t)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

func (s *Service) deleteRoute(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "RouteTableId")
	if err != nil {
		return nil, err
	}
	dest, err := parseDestination(p)
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		t, err := routeTables.get(tx, sc, id)
		if err != nil {
			return err
		}
		i := findRoute(t, dest)
		if i < 0 {
			kind := "destination-cidr-block"
			if dest.Dest6 != "" {
				kind = "destination-ipv6-cidr-block"
			} else if dest.DestPrefixList != "" {
				kind = "destination-prefix-list-id"
			}
			return awsapi.BadRequest("InvalidRoute.NotFound", "no route with %s %s in route table %s", kind, dest.destination(), id)
		}
		if t.Routes[i].GatewayID == "local" {
			return invalidParameterValue("cannot remove local route %s in route table %s", dest.destination(), id)
		}
		t.Routes = append(t.Routes[:i], t.Routes[i+1:]...)
		return routeTables.put(tx, sc, t)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}
