//! The starter article that `pawprint init` writes: a short, real article on
//! keeping a dog safe in hot weather, in each language the built-in theme has
//! words for, written as a draft so that nothing is published until the clinic
//! has read it.

/// The starter article in one language.
pub(crate) struct Starter {
    /// The language, such as `en`.
    pub language: &'static str,
    /// The section folder it goes in when this is the site's main language.
    pub section: &'static str,
    /// Its file name (and address) when this is the site's main language.
    pub slug: &'static str,
    /// The comment at the top: what the file is and how to publish it.
    pub note: &'static str,
    /// The front matter after `draft`, `translation_of` and `slug`, with
    /// `{updated}` for the date.
    pub fields: &'static str,
    /// The article's text.
    pub body: &'static str,
}

/// The starter article in English.
const ENGLISH: Starter = Starter {
    language: "en",
    section: "dogs",
    slug: "hot-weather",
    note: "# A starter article from `pawprint init`. It is a draft: `pawprint build` leaves it\n\
           # out, and `pawprint serve` shows it with a \"Draft\" badge. Read it, make it your\n\
           # own, then delete the `draft = true` line to publish it.",
    fields: r#"title = "Keep Your Dog Safe in Hot Weather"
summary = "Dogs can get too hot very fast. Learn the signs of heatstroke, how to keep your dog cool, and when to call us."
species = ["dog"]
updated = {updated}
tags = ["summer", "heatstroke"]

[handout]
intro = "Dogs cool off by panting. On a hot day, that is not always enough. A dog that gets too hot can get very sick in minutes."
signs = [
  "Heavy panting that does not slow down",
  "A lot of drool",
  "Bright red gums or tongue",
  "Weak legs or stumbling",
  "Throwing up or runny poop",
]
prevention = [
  "Never leave your dog in a parked car, not even for a few minutes.",
  "Walk early in the morning or late in the evening.",
  "Give shade and fresh water all day.",
  "Keep play short on hot days.",
]
call_us_if = [
  "Your dog falls over or cannot get up",
  "The gums look pale, blue or dark red",
  "Your dog seems confused or has a seizure",
]
fill_in = ["Pet's name", "Notes"]
"#,
    body: r#"## Why heat is hard on dogs

Dogs do not sweat the way we do. They cool off mostly by panting. When the air is
hot or damp, panting does not help much. Dogs with short noses, such as pugs and
bulldogs, have the hardest time. So do old dogs and dogs with extra weight.

## What to do right away

If you think your dog is too hot, move it to a cool, shady spot. Give it small sips
of cool water. Wet its body with cool water, not ice water, and let a fan blow on
it. Then call us, even if your dog seems better. Too much heat can hurt the inside
of the body in ways you cannot see.

## How to keep your dog cool

A car gets hot very fast, even with the windows down. Hot ground can burn paws too.
Put the back of your hand on the ground for a few seconds. If it is too hot for
your hand, it is too hot for your dog's paws.
"#,
};

/// The starter article in Spanish.
const SPANISH: Starter = Starter {
    language: "es",
    section: "perros",
    slug: "calor",
    note: "# Un artículo de ejemplo de `pawprint init`. Es un borrador: `pawprint build` no lo\n\
           # publica, y `pawprint serve` lo muestra con la marca “Borrador”. Léalo, adáptelo a\n\
           # su clínica y después borre la línea `draft = true` para publicarlo.",
    fields: r#"title = "Proteja a su perro del calor"
summary = "Un perro puede pasar demasiado calor muy rápido. Aquí verá las señales del golpe de calor, cómo mantenerlo fresco y cuándo llamarnos."
species = ["dog"]
updated = {updated}
tags = ["verano", "golpe de calor"]

[handout]
intro = "Los perros se refrescan jadeando. En un día de calor, eso no siempre basta. Un perro con demasiado calor puede ponerse muy grave en pocos minutos."
signs = [
  "Jadea mucho y no se calma",
  "Babea mucho",
  "Tiene las encías o la lengua muy rojas",
  "Le fallan las patas o se tropieza",
  "Vomita o tiene diarrea",
]
prevention = [
  "Nunca deje a su perro en un auto estacionado, ni siquiera unos minutos.",
  "Sáquelo a pasear temprano por la mañana o al caer la tarde.",
  "Dele sombra y agua fresca todo el día.",
  "En los días de calor, juegue con él poco rato.",
]
call_us_if = [
  "Su perro se cae o no se puede levantar",
  "Tiene las encías pálidas, azuladas o de un rojo oscuro",
  "Parece confundido o tiene una convulsión",
]
fill_in = ["Nombre de la mascota", "Notas"]
"#,
    body: r#"## Por qué el calor les afecta tanto

Los perros no sudan como nosotros. Se refrescan sobre todo jadeando. Cuando hace
mucho calor o mucha humedad, jadear no les alcanza. Los perros de hocico corto, como
los pugs y los bulldogs, son los que más sufren. También los perros mayores y los
que tienen sobrepeso.

## Qué hacer enseguida

Si cree que su perro tiene demasiado calor, llévelo a un lugar fresco y con sombra.
Ofrézcale agua fresca a sorbitos. Mójele el cuerpo con agua fresca, no helada, y
póngalo delante de un ventilador. Después llámenos, aunque parezca estar mejor. El
exceso de calor puede dañar el cuerpo por dentro sin que se note.

## Cómo mantenerlo fresco

Un auto se calienta muy rápido, aunque tenga las ventanas abiertas. El suelo
caliente también puede quemarle las patas. Ponga el dorso de la mano en el suelo
unos segundos. Si a usted le quema, a su perro también.
"#,
};

/// The starter article in `language`, when pawprint has one.
pub(crate) fn starter(language: &str) -> Option<&'static Starter> {
    [&ENGLISH, &SPANISH]
        .into_iter()
        .find(|s| s.language == language)
}

impl Starter {
    /// The article's file text. `translation` gives the original's fingerprint
    /// and the slug of this language for a translation.
    pub(crate) fn file(&self, updated: &str, translation: Option<(&str, &str)>) -> String {
        let mut text = format!("+++\n{}\ndraft = true\n", self.note);
        if let Some((fingerprint, slug)) = translation {
            text.push_str(&format!(
                "# The version of the original this translation was made from: `pawprint check`\n\
                 # says when the original changes.\ntranslation_of = \"{fingerprint}\"\nslug = \"{slug}\"\n"
            ));
        }
        text.push_str(&self.fields.replace("{updated}", updated));
        text.push_str("+++\n\n");
        text.push_str(self.body);
        text
    }
}
