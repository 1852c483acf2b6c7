// A realistic product catalog written straight into the database with set-based SQL: a category
// tree of about 60 nodes, and products whose names come from a shared vocabulary, so search
// terms hit many, few or no products the way they do in a real shop.

/**
 * Category tree: an object's keys are subcategories, an array lists the goods of a leaf. Each
 * root carries the traits of its goods: units, shelf life (days; null = not batch-tracked),
 * sizes, and the SKU prefix.
 */
export const CATALOG = {
  Dairy: {
    traits: { units: ['unit', 'l', 'kg'], shelfLife: 21, sku: 'DAI' },
    sizes: ['250 g', '500 g', '1 l', '500 ml', '1 kg'],
    tree: {
      Milk: ['Whole milk', 'Skimmed milk', 'Oat drink', 'Almond drink', 'Buttermilk'],
      Cheese: {
        'Hard cheese': ['Cheddar', 'Parmesan', 'Gouda', 'Emmental', 'Manchego'],
        'Soft cheese': ['Brie', 'Camembert', 'Mozzarella', 'Feta', 'Ricotta'],
      },
      Yogurt: ['Greek yogurt', 'Natural yogurt', 'Strawberry yogurt', 'Skyr', 'Kefir'],
      'Butter & cream': ['Salted butter', 'Unsalted butter', 'Double cream', 'Sour cream'],
    },
  },
  'Meat & Fish': {
    traits: { units: ['kg', 'unit'], shelfLife: 7, sku: 'MEA' },
    sizes: ['250 g', '500 g', '1 kg', '2 kg'],
    tree: {
      Poultry: ['Chicken breast', 'Chicken thighs', 'Turkey mince', 'Duck legs'],
      Beef: ['Beef mince', 'Sirloin steak', 'Ribeye steak', 'Beef brisket'],
      Pork: ['Pork chops', 'Pork belly', 'Bacon rashers', 'Pork sausages'],
      'Fish & seafood': {
        'Fresh fish': ['Salmon fillet', 'Cod fillet', 'Sea bass', 'Trout'],
        Shellfish: ['Prawns', 'Mussels', 'Scallops'],
      },
    },
  },
  Bakery: {
    traits: { units: ['unit', 'pack'], shelfLife: 5, sku: 'BAK' },
    sizes: ['400 g', '800 g', '4 pcs', '6 pcs'],
    tree: {
      Bread: ['Rye bread', 'Sourdough loaf', 'Wholemeal bread', 'Baguette', 'Ciabatta'],
      Pastries: ['Croissant', 'Pain au chocolat', 'Cinnamon roll', 'Danish pastry'],
      Cakes: ['Chocolate cake', 'Cheesecake', 'Carrot cake', 'Apple pie'],
    },
  },
  Produce: {
    traits: { units: ['kg', 'unit'], shelfLife: 10, sku: 'PRO' },
    sizes: ['500 g', '1 kg', '2 kg', 'bunch', 'each'],
    tree: {
      Fruit: {
        Citrus: ['Oranges', 'Lemons', 'Limes', 'Grapefruit'],
        Berries: ['Strawberries', 'Blueberries', 'Raspberries'],
        'Stone fruit': ['Peaches', 'Plums', 'Cherries', 'Apricots'],
      },
      Vegetables: {
        'Root vegetables': ['Carrots', 'Potatoes', 'Beetroot', 'Parsnips'],
        'Leafy greens': ['Spinach', 'Kale', 'Lettuce', 'Rocket'],
      },
      Herbs: ['Basil', 'Parsley', 'Coriander', 'Mint'],
    },
  },
  Beverages: {
    traits: { units: ['l', 'ml', 'pack', 'unit'], shelfLife: null, sku: 'BEV' },
    sizes: ['330 ml', '500 ml', '1 l', '1.5 l', '6 x 330 ml'],
    tree: {
      'Coffee & tea': {
        Coffee: ['Coffee beans', 'Ground coffee', 'Instant coffee', 'Espresso capsules'],
        Tea: ['Green tea', 'Black tea', 'Chamomile tea', 'Earl Grey'],
      },
      Juices: ['Orange juice', 'Apple juice', 'Tomato juice', 'Multivitamin juice'],
      'Soft drinks': ['Cola', 'Lemonade', 'Ginger ale', 'Tonic water'],
      Water: ['Sparkling water', 'Still water', 'Mineral water'],
    },
  },
  Pantry: {
    traits: { units: ['unit', 'kg', 'g', 'box'], shelfLife: null, sku: 'PAN' },
    sizes: ['250 g', '500 g', '1 kg', '400 g tin', '750 ml'],
    tree: {
      'Pasta & rice': ['Spaghetti', 'Penne', 'Fusilli', 'Basmati rice', 'Arborio rice'],
      'Oils & vinegar': ['Olive oil', 'Sunflower oil', 'Balsamic vinegar', 'Cider vinegar'],
      'Canned goods': ['Chopped tomatoes', 'Chickpeas', 'Kidney beans', 'Tuna chunks'],
      Spices: ['Black pepper', 'Paprika', 'Cinnamon', 'Cumin', 'Sea salt'],
      Baking: ['Plain flour', 'Caster sugar', 'Baking powder', 'Dried yeast'],
      Sauces: ['Tomato sauce', 'Pesto', 'Soy sauce', 'Mayonnaise', 'Ketchup'],
    },
  },
  Frozen: {
    traits: { units: ['unit', 'box', 'kg'], shelfLife: 180, sku: 'FRO' },
    sizes: ['400 g', '750 g', '1 kg', 'family pack'],
    tree: {
      'Frozen vegetables': ['Frozen peas', 'Frozen spinach', 'Stir-fry mix'],
      'Ice cream': ['Vanilla ice cream', 'Chocolate ice cream', 'Lemon sorbet'],
      'Ready meals': ['Lasagne', 'Pizza margherita', 'Fish fingers', 'Chicken curry'],
    },
  },
  Snacks: {
    traits: { units: ['unit', 'pack', 'box'], shelfLife: null, sku: 'SNA' },
    sizes: ['40 g', '100 g', '150 g', '200 g', 'multipack'],
    tree: {
      'Chips & crisps': ['Potato chips', 'Tortilla chips', 'Pretzels', 'Popcorn'],
      'Chocolate & sweets': ['Milk chocolate', 'Dark chocolate', 'Gummy bears', 'Licorice'],
      'Nuts & seeds': ['Almonds', 'Cashews', 'Peanuts', 'Sunflower seeds', 'Trail mix'],
      Biscuits: ['Digestive biscuits', 'Oat cookies', 'Crackers', 'Shortbread'],
    },
  },
  Household: {
    traits: { units: ['unit', 'l', 'pack', 'box'], shelfLife: null, sku: 'HOU' },
    sizes: ['500 ml', '1 l', '2 l', '20 pcs', 'pack of 4'],
    tree: {
      Cleaning: ['Dish soap', 'All-purpose cleaner', 'Glass cleaner', 'Bleach', 'Sponges'],
      Laundry: ['Laundry detergent', 'Fabric softener', 'Stain remover'],
      'Paper goods': ['Toilet paper', 'Kitchen towels', 'Paper napkins', 'Tissues'],
    },
  },
  'Personal Care': {
    traits: { units: ['unit', 'ml', 'pack'], shelfLife: null, sku: 'PER' },
    sizes: ['50 ml', '75 ml', '250 ml', '400 ml', 'pack of 2'],
    tree: {
      'Hair care': ['Shampoo', 'Conditioner', 'Hair gel'],
      'Oral care': ['Toothpaste', 'Toothbrush', 'Mouthwash', 'Dental floss'],
      'Skin care': ['Hand cream', 'Body lotion', 'Sunscreen', 'Shower gel', 'Bar soap'],
    },
  },
  'Pet Supplies': {
    traits: { units: ['unit', 'kg', 'pack'], shelfLife: null, sku: 'PET' },
    sizes: ['400 g', '1 kg', '3 kg', '12 x 85 g'],
    tree: {
      Dog: ['Dog food', 'Dog treats', 'Chew toy'],
      Cat: ['Cat food', 'Cat litter', 'Cat treats'],
    },
  },
};

export const BRANDS = [
  'Alpenhof',
  'Greenfield',
  'Nordic',
  'Sunvale',
  'Harvest Moon',
  'Blue Harbor',
  'Golden Fields',
  'Mountain Crest',
  'Riverbend',
  'Fresh Valley',
  'Casa Rossa',
  'Little Farm',
  'Pure Earth',
  'Urban Pantry',
  'Wildflower',
  'Seaside',
  'Maple Ridge',
  'Everyday',
  'Tesoro',
  'Vitalis',
  'Brightwell',
  'Kingsley',
  'Clearwater',
  'Homestead',
  'Stonemill',
  'Evergreen',
];

/** Empty strings leave about a third of the names without an adjective. */
export const ADJECTIVES = [
  ...['Organic', 'Fresh', 'Classic', 'Premium', 'Light', 'Smoked', 'Spicy', 'Sweet'],
  ...['Roasted', 'Wholegrain', 'Low-fat', 'Free-range', 'Extra', 'Mild', 'Strong', 'Natural'],
  ...['Gluten-free', 'Vegan', 'Family', 'Original', 'Crunchy', 'Creamy', 'Fairtrade', 'Wild'],
  ...Array(12).fill(''),
];

/** Every category as `{ path, name, parentPath }`, parents before children. */
export function categoryPaths() {
  const out = [];
  const walk = (node, parentPath) => {
    for (const [name, child] of Object.entries(node)) {
      const path = parentPath ? `${parentPath}/${name}` : name;
      out.push({ path, name, parentPath });
      if (!Array.isArray(child)) walk(child, path);
    }
  };
  walk(Object.fromEntries(Object.entries(CATALOG).map(([root, { tree }]) => [root, tree])), null);
  return out;
}

/** Every kind of goods with its leaf category and its root's traits. */
export function goods() {
  const out = [];
  const walk = (node, path, root) => {
    for (const [name, child] of Object.entries(node)) {
      if (Array.isArray(child)) {
        for (const noun of child) out.push({ noun, categoryPath: `${path}/${name}`, root });
      } else walk(child, `${path}/${name}`, root);
    }
  };
  for (const [root, spec] of Object.entries(CATALOG)) walk(spec.tree, root, spec);
  return out;
}

async function insertCategories(client) {
  const ids = new Map();
  for (const { path, name, parentPath } of categoryPaths()) {
    const { rows } = await client.query(
      'INSERT INTO categories (name, parent_id) VALUES ($1, $2) RETURNING id',
      [name, parentPath ? ids.get(parentPath) : null],
    );
    ids.set(path, rows[0].id);
  }
  return ids;
}

/** A stable, well-spread number in [0, 2^32) per product number `g` and `salt`. */
// Salts a million apart, so the choices of product g never repeat those of product g + 1.
const hash = (salt) => `(hashint4(g + ${salt * 1_000_003})::bigint + 2147483648)`;
/** `array[1 + hash mod length]`: a stable choice per product. */
const pick = (array, salt) => `(${array})[1 + ${hash(salt)} % cardinality(${array})]`;

/**
 * One INSERT … SELECT over generate_series. Product g is goods number k of the vocabulary and
 * gets SKU `<PFX>-<g, 6 digits>`, a name "<brand> [<adjective>] <goods> <size>", a short
 * description on 40 %, a unique EAN-13-like barcode on about half, batch tracking and a shelf
 * life for perishables, 3 % archived, and timestamps spread over two years.
 */
const INSERT_PRODUCTS = `
  WITH v AS (
    SELECT $2::text[] AS nouns, $3::text[] AS prefixes, $4::uuid[] AS category_ids,
           $5::text[] AS brands, $6::text[] AS adjectives, $7::text[] AS sizes,
           $8::text[] AS units, $9::int[] AS shelf_lives
  ), numbered AS (
    SELECT g, 1 + ${hash(0)} % cardinality(v.nouns) AS k,
           now() - ${hash(9)} % (730 * 86400) * interval '1 second' AS updated_at
      FROM generate_series(1, $1::int) AS g, v
  )
  INSERT INTO products (sku, name, description, category_id, unit, barcode, tracking,
                        shelf_life_days, active, created_at, updated_at)
  SELECT v.prefixes[k] || '-' || lpad(g::text, 6, '0'),
         concat_ws(' ', ${pick('v.brands', 1)}, nullif(${pick('v.adjectives', 2)}, ''),
                   v.nouns[k], ${pick("string_to_array(v.sizes[k], '|')", 3)}),
         CASE WHEN ${hash(4)} % 10 < 4
              THEN v.nouns[k] || ', ' || CASE WHEN v.shelf_lives[k] IS NULL
                   THEN 'store in a dry place' ELSE 'keep refrigerated' END END,
         v.category_ids[k],
         ${pick("string_to_array(v.units[k], '|')", 5)},
         -- Unique: g * 98765431 is a bijection modulo 10^10 (the factor is prime to 10).
         CASE WHEN ${hash(6)} % 100 < 50
              THEN (ARRAY['40', '50', '87', '76', '30'])[1 + g % 5]
                   || lpad((g::bigint * 98765431 % 10000000000)::text, 10, '0') || (g % 10)::text
         END,
         CASE WHEN v.shelf_lives[k] IS NULL THEN 'none' ELSE 'batch' END,
         v.shelf_lives[k],
         ${hash(8)} % 100 >= 3,
         updated_at - ${hash(7)} % (365 * 86400) * interval '1 second',
         updated_at
    FROM numbered, v`;

/**
 * Seeds the categories and `count` products (the products table must be empty), then VACUUM
 * ANALYZE. Resolves with `{ categories, products }` (counts).
 */
export async function seedCatalog(client, count = 100_000) {
  const categoryIds = await insertCategories(client);
  const all = goods();
  const column = (fn) => all.map(fn);
  await client.query(INSERT_PRODUCTS, [
    count,
    column((g) => g.noun),
    column((g) => g.root.traits.sku),
    column((g) => categoryIds.get(g.categoryPath)),
    BRANDS,
    ADJECTIVES,
    column((g) => g.root.sizes.join('|')),
    column((g) => g.root.traits.units.join('|')),
    column((g) => g.root.traits.shelfLife),
  ]);
  // VACUUM as well as ANALYZE: it merges the trigram index's pending list and sets the
  // visibility map, the state autovacuum keeps a live catalog in; fresh statistics let the
  // planner choose between the trigram index and the name order as it would in production.
  await client.query('VACUUM (ANALYZE) categories, products');
  const { rows } = await client.query('SELECT count(*)::int AS n FROM products');
  return { categories: categoryIds.size, products: rows[0].n };
}
