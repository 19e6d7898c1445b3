"""Words for suggested passphrases: common, concrete, easy to spell and to type.

Written for ReflectJournal. Chosen to avoid words a clinician might find jarring in this
work (illness, violence, family roles), brand names, silent letters and words spelled
differently in British and American English. 1663 words give about 10.7 bits each.
"""

from __future__ import annotations

_WORDS = """
able absorb access acid acorn across action active actor adapt admit adobe adult advice
aerial afloat agenda agent agree ahead aim air airport aisle alarm album alcove alert alley
allow almond alpaca alpine alto amaze amber amount ample amuse anchor angle anise ankle
annual answer antler anvil apple apricot april apron aqua arcade arch arctic arena aroma
arrow artist artwork ascent ash aspen aspire asset atlas atom attend attic auburn audio
autumn avenue avocado avoid awake award axis bacon badge bagel bake baker balance balcony
ballad ballet balloon bamboo banana banjo bank banner bark barley barn barrel basalt basil
basin basket batch bath baton bay bazaar beach beacon beagle beam bean beard beaver beet
begin belt bench benefit berry best bicycle bike binder bingo birch bird biscuit bison blade
blanket blaze blend blimp blink block bloom blossom blue blush board boat bonus book boost
boot border boss bottle bottom boulder bounce bow bowl boxer brass brave bread breath breeze
brew brick bridge brief bright brisk broad bronze brook broom brown brush bubble bucket
buckle buddy budget buffalo buffet bugle build bulb bumper bundle bunk bunny burrow bus busy
butler butter button buzz cabin cable cactus cadet cafe cake calm camel camera camp canal
candle canoe canopy canvas canyon cap cape captain caramel carbon card career careful cargo
carpet carrot cart carton carve cashew castle casual catch cattle cave cedar celery cellar
cello cereal chair chalk champ change chapter charm chart cheek cheese chef cherry chess
chest chili chime chimney chin chip choice choir chorus chunk cider cinema cinnamon circle
citrus city civic claim clam clan clap clarity class clay clean clerk clever click client
cliff climate climb cloak clock closet cloth cloud clover cluster coach coast coat cobalt
cobble cocoa coconut coffee coin collar column combo comet comfort comic comma common
compass convoy cook cookie cool copper coral cork corn corner cosmic costume cottage cotton
couch count cover coyote crab craft crane crank crate crater crayon cream credit creek crest
crew cricket crisp cross crowd crown cruise crumb crystal cube cup cupcake curious curl
curtain curve cushion custard cutlery cycle cymbal daily dairy daisy damp dance dandy dapper
darts dash data date dawn daylight dazzle debut decade decal decimal deck decor deep deer
delight delta denim depot desert design desk dessert detail device dew dial diamond dice
diesel digit dime diner dingo dinner dipper direct disco dish dive diver dock dolphin domain
dome domino donkey doodle door dorm double dough dove draft drama drawer drawing dream dress
drift drill drink drive drizzle drop drum duck duet duffel dune duo durable dusk dust duvet
dynamic eager eagle early earring earth ease easel east easy echo eclipse edge edible effort
eight elbow elder elegant elephant elevator elite elk elm email ember emblem emerald enamel
endless energy engine enjoy enlist ensign entire entry envoy epic epoch equal equip erase
errand essay estate ethic even event ever exact exhibit exit exotic expert expo express
extra fable fabric face fact factor fair fairy falcon fall fame fan fancy farm farmer fast
feast feather fence fennel fern ferry festival fiddle field fiesta fifty fig figure film
filter final finch fine fire fit five fjord flag flair flame flannel flash flask flat fleet
flex flight flint flip float flock flora floss flower fluffy fluid flurry flute foam focus
fog folder folio folk follow font food forest forge fork fort forty forward fossil fountain
four fox fraction frame freckle freedom fresh fridge friend frog front frost frozen fruit
fudge fuel funnel future gadget gala galaxy gallery gallon game garage garden garlic garnet
gate gauge gazebo gear gecko gem general genius gentle geyser giant gift ginger gingham
giraffe glacier glad glass glaze glide glint globe gloss glove glow goal goat goblet gold
golden golf gondola good goose gorilla gourd gown grace grain grand granite grape graph
grass gravel gravity gravy green grid grill grin grocery groove grove guard guava guest
guide guitar gull gumbo gust habit hail hallway halo hammer hammock hamster hand handle
happy hardy harp harvest hat hatch haven hawk hay hazel head heap heart hearth heat hedge
height helium hello helmet help herb hero heron hiker hiking hill hinge hippo history hobby
hockey holly home honest honey hood hook hope horizon horn horse hot hotel hound house hug
humble hummus hundred hurry husky hut ice icicle icon idea ideal igloo iguana image impact
improve inbox inch income index indigo ink inlet inner input inquiry insect inside insight
intact invite iris iron island item ivory ivy jacket jade jaguar jam jar jasmine jazz jeans
jelly jersey jester jet jetty jewel jigsaw jockey jog join joke jolly journey joy jubilee
judge jug juggle juice july jumbo jumper june jungle junior jury kale kayak kazoo keen
keeper kennel kernel kettle kind king kiosk kitchen kite kitten kiwi koala label lace ladder
ladle lady lagoon lake lamb lamp land lane lantern lap lapel laptop large lark laser lasso
latch latte lattice laugh lava lavender lawn lawyer layer lead leaf lean learn leather ledge
legend lemon lemur lens lentil letter level lever library light lilac lily lime limit line
linen lion liquid list little live lizard llama loaf lobby lobster local locket lodge loft
logic logo long loop lotion lotus loud lounge love loyal lucky lumber lumen lunar lunch lyre
lyric macaw magic magnet main major mango manor mantle map maple marble march mark market
marsh mascot mask match meadow meal medal medium meet mellow melody melon member memo mentor
menu merit merry mesa mesh metal meteor method metro midday mile milk mill mimic mind
mineral mint minute mirror mitten mobile mocha model modem modern moment monitor month mood
moon moose morning mosaic moss motel motor motto mound mountain mouse move muffin mule mural
museum mushroom music mustard myth nacho name nap napkin narrow native nature navy near neat
nectar needle neon nest net new news nice nickel night nimble nine noble noodle noon normal
north notch notebook noun novel novice nugget number nutmeg nylon oak oasis oat object oboe
ocean octave offer office oil okay old olive omega onion opal open opera optic orange orbit
orchard orchid order organ origin ornate otter ounce outdoor outer outfit output oval oven
owl owner oxygen oyster pace pack paddle page pagoda pail paint pal palace pale palm pancake
panda panel panther pantry papaya paper parade parcel park parka parrot part party pass
pasta pastel patch path patio patrol pause paw peace peach peanut pear pearl pebble pecan
pedal peer pelican pen pencil penguin penny people pepper perch perky pet petal phone photo
piano pick pickle picnic pie piece pier pigeon pillow pilot pine pink pinwheel pipe pirate
pitch pitcher pivot pixel pizza place plain plan planet plank plate play plaza plenty plum
plus pocket poem poet point polar polka pond pony pool poplar poppy porch portal poster
potato pottery pouch pound power prairie praise press pretty price pride print prism prize
prose proud puffin pulp pulse puma pumpkin pupil puppet pure purple puzzle pyramid quack
quail quaint quarry quarter quartz queen quest quick quiet quill quilt quince quiz quota
rabbit race rack radar radio radish radius raft rain rainbow raisin rake rally ramp ranch
range rapid rare rate raven ready real reason recipe record red reef regal relax relay relic
remote rescue rest retro review rhino rhyme ribbon rice rich riddle ride ridge right ring
ripe ripple rise ritual rival river road roast robe robin robot rock rocket rodeo roll roof
roomy rooster root rope rose round route rover rowboat royal rubber ruby rudder rug rugby
ruler rumble rune runway rural rustic saddle safari safe saga sage sail salad salmon salsa
salt salute sample sand sandal satchel satin sauce saucer sauna savory scale scarf scarlet
scene scenic scholar school science scone scooter scope score scout screen script scroll sea
seal season sedan seed seesaw self sense sensor sequel seven shade shape share sharp shed
sheep shelf shell shield shine shiny ship shore short shovel shrimp shrub side sierra sight
signal silent silk silver simple singer single six sketch skier sky slate sled sleeve slice
slope slow small smart smile smooth snack snail snow snug soap soccer sock sofa soft solar
solid solo song sonnet sound soup south space spade spark sphere spice spicy spider spinach
spiral spirit splash sponge spoon sport spring sprout spruce square squash squid stable
stadium stage stair stamp star start state station statue steady steam steel stellar stem
step stereo stick still stitch stone stool stork storm story stove straw stream street
string strong studio sturdy style sugar suit summer summit sunny sunset super supper surf
sushi swan sweater swift swing symbol syrup table tablet tackle taco tailor talent tall tame
tan tango tank tape target tart tassel taste teacup teal team teapot teller tender tennis
tent term thanks thick thimble thin think thistle thorn thread three thrive thumb thunder
ticket tidy tiger tile timber time tiny tip title toast today toffee token tomato tone tonic
tooth topaz topic torch tortoise total touch tough tour towel tower toy track tractor trade
trail train tram travel tray treat tree trek trend trim trio trophy trout truck true trumpet
trunk trust tuba tulip tuna tundra tune tunnel turkey turnip turtle tutor tuxedo twelve
twenty twig twin two ukulele ultra umbrella unicorn union unique unit unity upbeat upper
urban urn usher usual vacuum vale valley value valve vanilla vapor vase vast vector velvet
venue verb verse version vessel vest veteran video view village vine vinyl violet violin
virtual visit visor vista vital vivid vocal volcano volume vortex vote voyage wade waffle
wagon waist walk wall walnut walrus wand wander warden warm wasabi wash watch water wave wax
wealth weasel weaver web wedge weekend west whale wharf wheat wheel whisk whistle whole wide
wild willow window wing winter wire wise wish witty wizard wolf wombat wonder wood wool word
work world woven yacht yak yard yarn year yellow yeti yodel yoga yolk young yummy zany zeal
zebra zen zero zest zesty zigzag zinc zipper zone zoom
"""

WORDS: tuple[str, ...] = tuple(_WORDS.split())
