"""The armed groups a dataset's actors name: found among ours (the actor catalogue,
incidents/catalogue/actors.toml, gives the common actors' ACLED strings, UCDP ids and aliases),
else planned as new ones."""

from datasets.records import ActorRef
from incidents.models import ArmedGroup, ExternalName, GroupAlias
from incidents.text import fold, normalise_name


class ActorResolver:
    """Finds the armed group an actor string names: by the dataset's id for it, by the string as
    the dataset's external name, or by group name, abbreviation or alias (folded); else plans a new
    group. The string (and id) are kept as the group's external names either way."""

    def __init__(self, dataset: str):
        groups = {group.pk: group for group in ArmedGroup.objects.all()}
        self.by_external = {
            value: groups[group_id]
            for value, group_id in ExternalName.objects.filter(dataset=dataset).values_list("value", "group_id")
        }
        self.by_key = {}
        for group_id, alias in GroupAlias.objects.values_list("group_id", "normalised"):
            self.by_key.setdefault(alias, groups[group_id])
        for group in groups.values():
            if group.abbreviation:
                self.by_key[normalise_name(group.abbreviation)] = group
        for group in groups.values():
            self.by_key[normalise_name(group.name)] = group
        self.new_groups: list[ArmedGroup] = []
        self.new_names: list[tuple[ArmedGroup, str]] = []

    def resolve(self, ref: ActorRef) -> ArmedGroup:
        group = self.by_external.get(ref.external_id) if ref.external_id else None
        group = group or self.by_external.get(ref.value)
        key = normalise_name(ref.value) or fold(ref.value)
        if group is None:
            group = self.by_key.get(key)
        if group is None:
            group = ArmedGroup(name=ref.value, kind=ref.kind)
            self.new_groups.append(group)
            self.by_key[key] = group
        for value in (ref.external_id, ref.value):
            if value and value not in self.by_external:
                self.by_external[value] = group
                self.new_names.append((group, value))
        return group
