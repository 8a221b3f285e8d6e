"""The operator's back office: the organization tree with counts, and an organization page."""

import re

from tests.factories import api_key_with_secret


def test_operator_sees_the_whole_tree_with_counts(client_for, operator_staff, world):
    html = client_for(operator_staff).get("/backoffice/").content.decode()
    rows = re.findall(
        r'<a href="/backoffice/organizations/[0-9a-f-]{36}/">([^<]+)</a>.*?'
        r'<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>',
        html,
        re.S,
    )
    found = {name: (int(customers), int(documents)) for name, customers, documents in rows}
    assert found == {
        "Folio Operator": (0, 0),
        "Nordlys Energi Konsern": (0, 0),
        "Nordlys Energi Norge AS": (2, 4),
        "Nordlys Energi Sverige AB": (2, 4),
        "Hansa Handelshaus GmbH": (2, 4),
    }


def test_organization_page_lists_children_people_and_keys(client_for, operator_staff, world):
    enterprise = world.organizations["nordlys"]
    key, secret = api_key_with_secret(enterprise, name="ERP integration")
    html = client_for(operator_staff).get(f"/backoffice/organizations/{enterprise.code}/")
    body = html.content.decode()
    assert html.status_code == 200
    assert "Nordlys Energi Norge AS" in body and "Nordlys Energi Sverige AB" in body
    assert "enterprise_admin" in body
    assert "ERP integration" in body and key.prefix in body
    assert secret not in body and key.secret_hash not in body


def test_other_staff_do_not_find_the_back_office(client_for, enterprise_admin, world):
    client = client_for(enterprise_admin)
    assert client.get("/backoffice/").status_code == 404
    code = world.organizations["nordlys-no"].code
    assert client.get(f"/backoffice/organizations/{code}/").status_code == 404


def test_organization_page_counts_its_own_traffic_and_everything_below(
    client_for, operator_staff, world
):
    enterprise = world.organizations["nordlys"]
    html = client_for(operator_staff).get(f"/backoffice/organizations/{enterprise.code}/")
    counts = dict(
        re.findall(r"<dt>([^<]+)</dt><dd class=\"num[^\"]*\">(\d+)</dd>", html.content.decode())
    )
    assert counts["Documents"] == "0"
    assert counts["Documents, including below"] == "8"
    assert counts["Customers, including below"] == "4"
    assert counts["Sent"] == "4"  # KARI-1001, OLA-1001, SVEA-1001, LINA-1001
